package org.lianxin.web.recording.api;

import jakarta.servlet.http.HttpServletResponse;
import org.lianxin.recording.storage.StorageException;
import org.lianxin.web.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The recording store failing under a recordings request, as a problem: 503 {@code storage-unavailable} (cannot be
 * reached), 404 {@code media-not-found} (the object is missing), 502 {@code storage-refused}; nothing more once the
 * media are being sent (the client sees a short body). For the controllers of this package only, and before the
 * application's catch-all ({@code problem.ApiExceptionHandler}).
 */
@RestControllerAdvice(basePackageClasses = RecordingStorageProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RecordingStorageProblems {
    private static final Logger log = LoggerFactory.getLogger(RecordingStorageProblems.class);

    @ExceptionHandler(StorageException.class)
    ResponseEntity<ProblemDetail> storage(StorageException e, HttpServletResponse response) {
        if (response.isCommitted()) { // failed while streaming: the client sees a short body
            log.warn("recording storage failed while sending: {} ({})", e.kind(), e.getClass().getSimpleName());
            return null;
        }
        HttpStatus status;
        String rule;
        String detail;
        if (e.unavailable()) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            rule = "storage-unavailable";
            detail = "the recording store cannot be reached; try again later";
        } else if (e.notFound()) {
            status = HttpStatus.NOT_FOUND;
            rule = "media-not-found";
            detail = "the object is missing from the recording store";
        } else {
            status = HttpStatus.BAD_GATEWAY;
            rule = "storage-refused";
            detail = "the recording store refused the request";
        }
        log.warn("recording storage: {} ({})", e.kind(), e.getMessage());
        return ResponseEntity.status(status).body(Problems.of(status, rule, detail));
    }
}
