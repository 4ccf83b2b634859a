package org.lianxin.web.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.ConstraintViolationException;
import org.lianxin.scheduler.Conflict;
import org.lianxin.scheduler.NotFound;
import org.lianxin.scheduler.OutOfJurisdiction;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.scheduler.SchedulerException;
import org.lianxin.evaluation.EvaluationException;
import org.lianxin.supervision.SupervisionException;
import org.lianxin.web.input.InputRefused;
import org.lianxin.webhooks.WebhookException;
import org.lianxin.topics.TopicsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where exceptions become RFC 9457 problem details. Every problem has a {@code rule} property and the
 * type {@code urn:lianxin:problem:<rule>}; unexpected errors are logged with an id and only the id is returned. A
 * feature's own refusals are {@link org.springframework.web.ErrorResponseException}s carrying their problem (made with
 * {@link Problems}), rendered as they are: this shared package knows no feature.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** Members a rule's facts may not overwrite: RFC 9457's own, and ours. */
    private static final Set<String> STANDARD_MEMBERS =
            Set.of("type", "title", "status", "detail", "instance", "rule", "errors", "errorId");

    @ExceptionHandler(SchedulerException.class)
    public ResponseEntity<ProblemDetail> scheduler(SchedulerException e) {
        HttpStatus status;
        String title;
        if (e instanceof NotFound) {
            status = HttpStatus.NOT_FOUND;
            title = "Not found";
        } else if (e instanceof RuleViolation) {
            status = HttpStatus.UNPROCESSABLE_CONTENT;
            title = "Rule violated";
        } else if (e instanceof Conflict) {
            status = HttpStatus.CONFLICT;
            title = "Conflict";
        } else if (e instanceof OutOfJurisdiction) {
            status = HttpStatus.FORBIDDEN;
            title = "Out of jurisdiction";
        } else {
            status = HttpStatus.BAD_REQUEST;
            title = "Refused";
        }
        return refusal(status, title, e.rule(), e.getMessage(), e.facts());
    }

    /** The supervision module's refusals: 404 not found, 422 rule broken, 409 changed meanwhile, 403 out of reach. */
    @ExceptionHandler(SupervisionException.class)
    public ResponseEntity<ProblemDetail> supervision(SupervisionException e) {
        HttpStatus status;
        String title;
        if (e instanceof SupervisionException.NotFound) {
            status = HttpStatus.NOT_FOUND;
            title = "Not found";
        } else if (e instanceof SupervisionException.Conflict) {
            status = HttpStatus.CONFLICT;
            title = "Conflict";
        } else if (e instanceof SupervisionException.Forbidden) {
            status = HttpStatus.FORBIDDEN;
            title = "Out of jurisdiction";
        } else {
            status = HttpStatus.UNPROCESSABLE_CONTENT;
            title = "Rule violated";
        }
        return refusal(status, title, e.rule(), e.getMessage(), e.facts());
    }

    @ExceptionHandler(EvaluationException.class)
    public ResponseEntity<ProblemDetail> evaluation(EvaluationException e) {
        HttpStatus status = e instanceof EvaluationException.NotFound ? HttpStatus.NOT_FOUND
                : e instanceof EvaluationException.Conflict ? HttpStatus.CONFLICT
                : e instanceof EvaluationException.Forbidden ? HttpStatus.FORBIDDEN : HttpStatus.UNPROCESSABLE_CONTENT;
        return refusal(status, refusalTitle(status), e.rule(), e.getMessage(), Map.of());
    }

    /** The webhooks module's refusals: 404 not found, 409 still pending, 422 a field of an endpoint (named). */
    @ExceptionHandler(WebhookException.class)
    public ResponseEntity<ProblemDetail> webhooks(WebhookException e) {
        HttpStatus status = e instanceof WebhookException.EndpointNotFound
                || e instanceof WebhookException.DeliveryNotFound ? HttpStatus.NOT_FOUND
                : e instanceof WebhookException.NotResendable ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT;
        Map<String, Object> facts = e instanceof WebhookException.InvalidEndpoint invalid
                ? Map.of("field", invalid.field()) : Map.of();
        return refusal(status, refusalTitle(status), e.rule(), e.getMessage(), facts);
    }

    /** The topics module's refusals: 404 not found, 422 rule broken, 409 changed meanwhile, 403 role. */
    @ExceptionHandler(TopicsException.class)
    public ResponseEntity<ProblemDetail> topics(TopicsException e) {
        HttpStatus status = e instanceof TopicsException.NotFound ? HttpStatus.NOT_FOUND
                : e instanceof TopicsException.Conflict ? HttpStatus.CONFLICT
                : e instanceof TopicsException.Forbidden ? HttpStatus.FORBIDDEN : HttpStatus.UNPROCESSABLE_CONTENT;
        return refusal(status, refusalTitle(status), e.rule(), e.getMessage(), Map.of());
    }

    private static String refusalTitle(HttpStatus status) {
        switch (status) {
            case NOT_FOUND: return "Not found";
            case CONFLICT: return "Conflict";
            case FORBIDDEN: return "Out of jurisdiction";
            default: return "Rule violated";
        }
    }

    /** A module's refusal: its rule, its message, and its facts as members (never overwriting the standard ones). */
    private static ResponseEntity<ProblemDetail> refusal(HttpStatus status, String title, String rule, String message,
                                                         Map<String, Object> facts) {
        ProblemDetail pd = Problems.of(status, rule, message);
        pd.setTitle(title);
        facts.forEach((name, value) -> {
            if (!STANDARD_MEMBERS.contains(name)) pd.setProperty(name, value);
        });
        return ResponseEntity.status(status).body(pd);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraints(ConstraintViolationException e) {
        List<Map<String, Object>> errors = new ArrayList<>();
        e.getConstraintViolations().forEach(v -> errors.add(FieldProblem.of(String.valueOf(v.getPropertyPath()), v,
                v.getMessage())));
        ProblemDetail pd = Problems.of(HttpStatus.BAD_REQUEST, "validation", "the request has invalid values");
        pd.setTitle("Invalid request");
        pd.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(pd);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "log in first"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "access denied"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseDown.is(e)) {
            log.warn("database unavailable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseDown.RETRY_AFTER_SECONDS))
                    .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", DatabaseDown.DETAIL));
        }
        String id = UUID.randomUUID().toString();
        log.error("internal error {}", id, e);
        ProblemDetail pd = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "internal error; quote id " + id + " to the operator");
        pd.setProperty("errorId", id);
        return ResponseEntity.internalServerError().body(pd);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            errors.add(FieldProblem.of(fe.getField(), FieldProblem.violation(fe), fe.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors().forEach(ge -> errors.add(FieldProblem.of(ge.getObjectName(),
                FieldProblem.violation(ge), ge.getDefaultMessage())));
        ProblemDetail pd = Problems.of(HttpStatus.BAD_REQUEST, "validation", "the request has invalid fields");
        pd.setTitle("Invalid request");
        pd.setProperty("errors", errors);
        return ResponseEntity.badRequest().headers(headers).body(pd);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, Object>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> {
            String name = r.getMethodParameter().getParameterName();
            r.getResolvableErrors().forEach(err -> errors.add(FieldProblem.of(String.valueOf(name),
                    FieldProblem.violation(r, err), err.getDefaultMessage())));
        });
        ProblemDetail pd = Problems.of(HttpStatus.BAD_REQUEST, "validation", "the request has invalid values");
        pd.setTitle("Invalid request");
        pd.setProperty("errors", errors);
        return ResponseEntity.badRequest().headers(headers).body(pd);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLarge tooLarge) {
                ProblemDetail pd = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", tooLarge.getMessage());
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).headers(headers).body(pd);
            }
        }
        ProblemDetail input = InputProblems.ofBody(ex);
        if (input != null) return ResponseEntity.badRequest().headers(headers).body(input);
        ProblemDetail pd = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request",
                "the request body is not valid JSON of the expected shape");
        pd.setTitle("Malformed request");
        return ResponseEntity.badRequest().headers(headers).body(pd);
    }

    /** A path or query value: the input rules' refusal names it; any other mismatch is Spring's 400. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        ProblemDetail input = InputProblems.ofParameter(ex);
        if (input != null) return ResponseEntity.badRequest().headers(headers).body(input);
        return super.handleTypeMismatch(ex, headers, status, request);
    }

    /** A value a controller itself checked by the input rules. */
    @ExceptionHandler(InputRefused.class)
    ResponseEntity<ProblemDetail> input(InputRefused e) {
        return ResponseEntity.badRequest().body(InputProblems.refused(e, e.field()));
    }

    /** Every other Spring MVC exception: keep Spring's status and detail, add the rule. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail pd && !hasRule(pd)) {
            Problems.withRule(pd, ruleFor(response.getStatusCode().value()));
        }
        return response;
    }

    private static boolean hasRule(ProblemDetail pd) {
        return pd.getProperties() != null && pd.getProperties().containsKey("rule");
    }

    static String ruleFor(int status) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "http-" + status;
        };
    }
}
