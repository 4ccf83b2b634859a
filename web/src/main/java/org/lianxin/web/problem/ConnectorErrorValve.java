package org.lianxin.web.problem;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report for what never reaches the application: a path the connector refuses ({@code %00},
 * {@code %2F}, {@code %5C}, malformed or overlong UTF-8) answers a problem detail with rule
 * {@code malformed-request} under /api and a plain bilingual line elsewhere, in place of Tomcat's HTML page.
 */
public final class ConnectorErrorValve extends ErrorReportValve {
    private static final Logger log = LoggerFactory.getLogger(ConnectorErrorValve.class);

    public ConnectorErrorValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) return;
        String path = request.getCoyoteRequest().requestURI().toString();
        boolean api = ErrorBodies.isApi(path);
        byte[] body = api ? ErrorBodies.problem(status, ApiExceptionHandler.ruleFor(status),
                status == 400 ? "the request's path is malformed" : ErrorBodies.reason(status))
                : ErrorBodies.text(status);
        try {
            response.resetBuffer(true);
            response.setContentType(api ? "application/problem+json" : "text/plain;charset=UTF-8");
            response.setContentLength(body.length);
            OutputStream out = response.getOutputStream();
            out.write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            log.debug("could not write the error report: {}", e.toString());
        }
    }
}
