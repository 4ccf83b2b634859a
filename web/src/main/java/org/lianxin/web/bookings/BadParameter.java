package org.lianxin.web.bookings;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A query parameter that cannot be parsed: 400 malformed-request. */
final class BadParameter extends ResponseStatusException {
    BadParameter(String detail) {
        super(HttpStatus.BAD_REQUEST, detail);
    }
}
