package org.lianxin.web.recording.api;

import org.lianxin.recording.Recording;
import org.lianxin.web.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A refused recording request as an RFC 9457 problem with its {@code rule}; Spring MVC's problem handling
 * (ApiExceptionHandler) renders it as it is, headers included (416 carries {@code Content-Range}).
 */
final class RecordingProblem extends ErrorResponseException {

    RecordingProblem(HttpStatus status, String rule, String detail) {
        super(status, Problems.of(status, rule, detail), null);
    }

    RecordingProblem header(String name, String value) {
        getHeaders().set(name, value);
        return this;
    }

    static RecordingProblem conflict(String rule, String detail) {
        return new RecordingProblem(HttpStatus.CONFLICT, rule, detail);
    }

    /** {@code r} unless its media were deleted (410 {@code recording-deleted}). */
    static Recording requireNotDeleted(Recording r) {
        if (r.status() == Recording.Status.DELETED) {
            throw new RecordingProblem(HttpStatus.GONE, "recording-deleted",
                    "the media of recording " + r.id() + " were deleted on " + r.deletedAt());
        }
        return r;
    }
}
