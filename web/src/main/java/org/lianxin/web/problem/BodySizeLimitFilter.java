package org.lianxin.web.problem;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413 {@code body-too-large}: 10 MiB for the case import, what a feature
 * asks for its path with a {@link BodyLimit} bean (the documents' upload), 1 MiB for everything else. A declared
 * Content-Length is checked up front; a chunked body is counted as it is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimitFilter extends OncePerRequestFilter {
    public static final long DEFAULT_LIMIT = 1024 * 1024;
    public static final long IMPORT_LIMIT = 10 * 1024 * 1024;

    private final List<BodyLimit> routes;

    /** The default limits only. */
    public BodySizeLimitFilter() {
        this(List.of());
    }

    @Autowired
    public BodySizeLimitFilter(List<BodyLimit> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The limit of this request: a feature's {@link BodyLimit} for its path, else {@link #limitFor}. */
    long limitOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (BodyLimit route : routes) {
            if (route.path().equals(path)) return route.bytes();
        }
        return limitFor(request);
    }

    static long limitFor(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api/v1/cases/import") ? IMPORT_LIMIT : DEFAULT_LIMIT;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitOf(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "the request body has " + declared + " bytes; at most " + limit + " are accepted",
                    request.getRequestURI());
            return;
        }
        chain.doFilter(new Bounded(request, limit), response);
    }

    private static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new CountingStream(super.getInputStream(), limit);
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private void add(long n) throws BodyTooLarge {
            if (n > 0) {
                count += n;
                if (count > limit) throw new BodyTooLarge(limit);
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            add(n);
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
