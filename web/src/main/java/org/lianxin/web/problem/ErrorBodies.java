package org.lianxin.web.problem;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;

/**
 * The answers of errors no controller saw (a path the connector refused, a request the firewall rejected, the
 * error page): a problem detail under /api (and for any client that is not a browser asking for a page); else a
 * short bilingual plain text. Neither names the server, nor shows an exception.
 */
final class ErrorBodies {
    private ErrorBodies() {
    }

    /** Whether the raw (undecoded) request path is the API's. */
    static boolean isApi(String rawPath) {
        return rawPath == null || rawPath.startsWith("/api/") || rawPath.equals("/api");
    }

    static byte[] problem(int status, String rule, String detail) {
        return Problems.json(status, rule, detail, null);
    }

    static byte[] text(int status) {
        String words = status == 404 ? "页面不存在 Page not found" : status >= 500
                ? "服务暂时出错，请稍后再试 Something went wrong; please try again later"
                : "请求无效 Bad request";
        return (status + " " + words + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
