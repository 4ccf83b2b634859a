package org.lianxin.web.problem;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problem details with a stable {@code rule}: type {@code urn:lianxin:problem:<rule>}. */
public final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static URI type(String rule) {
        return URI.create("urn:lianxin:problem:" + rule);
    }

    public static ProblemDetail of(HttpStatus status, String rule, String detail) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        return withRule(pd, rule);
    }

    public static ProblemDetail withRule(ProblemDetail pd, String rule) {
        pd.setType(type(rule));
        pd.setProperty("rule", rule);
        return pd;
    }

    /** Writes a problem outside Spring MVC (filters, security entry points). */
    public static void write(HttpServletResponse response, HttpStatus status, String rule, String detail,
                             String instance) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json(status.value(), rule, detail, instance));
        response.flushBuffer();
    }

    /** A problem's JSON bytes, for code that writes its answer itself. */
    static byte[] json(int status, String rule, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type(rule).toString());
        HttpStatus known = HttpStatus.resolve(status);
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) body.put("instance", instance);
        body.put("rule", rule);
        return JSON.writeValueAsBytes(body);
    }
}
