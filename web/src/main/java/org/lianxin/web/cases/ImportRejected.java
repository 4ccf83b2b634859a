package org.lianxin.web.cases;

import org.lianxin.scheduler.ImportResult;
import org.lianxin.web.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An import the scheduler refused row by row: nothing was written. Its own problem (422 {@code import-rejected},
 * listing every bad row in {@code errors}), which Spring MVC's problem handling ({@code problem.ApiExceptionHandler})
 * renders as it is.
 */
final class ImportRejected extends ErrorResponseException {

    ImportRejected(ImportResult result) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(result), null);
    }

    private static ProblemDetail problem(ImportResult result) {
        ProblemDetail pd = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "import-rejected",
                result.errors().size() + " row(s) rejected; nothing was imported");
        pd.setTitle("Import rejected");
        pd.setProperty("errors", result.errors());
        pd.setProperty("created", 0);
        return pd;
    }
}
