package org.lianxin.web.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page (/error), in place of Boot's: what a filter or the container sent as an error answers a problem
 * detail (a browser asking for a page gets a bilingual line); never the exception, never Boot's timestamp/path
 * JSON. Asked for directly it is a 404.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String s ? s : request.getRequestURI();
        String accept = request.getHeader("Accept");
        boolean page = !ErrorBodies.isApi(path) && accept != null && accept.contains("text/html");
        if (page) {
            return ResponseEntity.status(status).contentType(MediaType.parseMediaType("text/plain;charset=UTF-8"))
                    .body(ErrorBodies.text(status));
        }
        String rule = ApiExceptionHandler.ruleFor(status);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ErrorBodies.problem(status, rule, ErrorBodies.reason(status)));
    }
}
