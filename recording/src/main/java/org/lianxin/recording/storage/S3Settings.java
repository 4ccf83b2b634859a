package org.lianxin.recording.storage;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where an S3 server is and how to log in (matches {@code lianxin.recording.storage.s3.*}).
 * {@link #toString()} masks the secret key, so the record can be logged.
 *
 * @param endpoint  e.g. {@code http://127.0.0.1:9000} (scheme, host, port; no path)
 * @param region    e.g. {@code us-east-1}; the server's default region if blank
 * @param bucket    created on first use if missing
 * @param accessKey the access key id (not secret)
 * @param secretKey the secret; never logged or printed
 */
public record S3Settings(URI endpoint, String region, String bucket, String accessKey, String secretKey) {

    public S3Settings {
        List<String> errors = new ArrayList<>();
        if (endpoint == null || endpoint.getScheme() == null || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))) {
            errors.add("endpoint must be an http(s) URL with a host, was " + endpoint);
        }
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            errors.add("bucket must be 3-63 characters of a-z 0-9 . - (S3 bucket rules), was " + bucket);
        }
        if (accessKey == null || accessKey.isBlank()) {
            errors.add("access key is missing");
        }
        if (secretKey == null || secretKey.isEmpty()) {
            errors.add("secret key is missing");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("S3 settings: " + String.join("; ", errors));
        }
        region = region == null ? "" : region.strip();
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey="
                + accessKey + ", secretKey=***]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof S3Settings s && Objects.equals(endpoint, s.endpoint) && region.equals(s.region)
                && bucket.equals(s.bucket) && accessKey.equals(s.accessKey) && secretKey.equals(s.secretKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, region, bucket, accessKey, secretKey);
    }
}
