package org.lianxin.web.problem;

/**
 * A larger request body limit for one path, contributed as a bean by the feature that serves it (e.g. the documents'
 * upload), so that {@link BodySizeLimitFilter} knows no feature.
 *
 * @param path  the request path, exactly (without the context path)
 * @param bytes the most bytes its body may have
 */
public record BodyLimit(String path, long bytes) {
    public BodyLimit {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a body limit's path starts with /, was " + path);
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("a body limit is positive, was " + bytes);
        }
    }
}
