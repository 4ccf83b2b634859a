package org.lianxin.web.documents;

import org.lianxin.documents.DocumentException;
import org.lianxin.documents.DocumentNotFound;
import org.lianxin.documents.DocumentRefused;
import org.lianxin.documents.DocumentStorageUnavailable;
import org.lianxin.web.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * The documents API's refusals as RFC 9457 problem details, each naming its rule: 400 {@code document-empty} and
 * {@code document-upload-malformed}, 404 {@code document-not-found}, 413 {@code body-too-large}, 415
 * {@code document-type-not-allowed} and {@code document-type-mismatch}, 503 {@code document-storage-unavailable}.
 * (A body over the limit that the container or the request filter stops before the controller is answered by the
 * shared {@code problem} package with the same 413 {@code body-too-large}.)
 */
@RestControllerAdvice(assignableTypes = DocumentsController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DocumentProblems {
    private static final Logger log = LoggerFactory.getLogger(DocumentProblems.class);

    @ExceptionHandler(DocumentException.class)
    ResponseEntity<ProblemDetail> document(DocumentException e) {
        HttpStatus status = statusOf(e);
        if (e instanceof DocumentStorageUnavailable) {
            log.warn("documents: {}", e.getCause() == null ? e.getMessage() : e.getCause().toString());
        }
        ProblemDetail pd = Problems.of(status, e.rule(), e.getMessage());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "30");
        }
        return response.body(pd);
    }

    static HttpStatus statusOf(DocumentException e) {
        if (e instanceof DocumentNotFound) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof DocumentStorageUnavailable) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        switch (((DocumentRefused) e).reason()) {
            case EMPTY:
                return HttpStatus.BAD_REQUEST;
            case TOO_LARGE:
                return HttpStatus.CONTENT_TOO_LARGE;
            default:
                return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
        }
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                "body-too-large", "the file is larger than the limit"));
    }

    /** Not a multipart form, or no part named {@code file}. */
    @ExceptionHandler({MultipartException.class, MissingServletRequestPartException.class})
    ResponseEntity<ProblemDetail> malformed(Exception e) {
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "document-upload-malformed",
                "send the file as multipart/form-data in a part named 'file'"));
    }
}
