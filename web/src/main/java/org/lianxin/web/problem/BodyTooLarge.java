package org.lianxin.web.problem;

import java.io.IOException;

/** Thrown by the bounded request stream when a body without Content-Length grows past the limit. */
public final class BodyTooLarge extends IOException {
    public BodyTooLarge(long limit) {
        super("request body over " + limit + " bytes");
    }
}
