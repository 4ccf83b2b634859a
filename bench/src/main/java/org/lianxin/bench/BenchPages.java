package org.lianxin.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The benchmarks' own test pages (resources beside this class), served on 127.0.0.1 on a free port, and beside them
 * the application's own page scripts ({@code static/js/} of the web module, at {@code /js/}, the paths they import
 * each other by): a bench page can import the product's modules from its own origin instead of copying them. Also what
 * the benchmarks do with their pages: wait for a page's state, fail on its {@code lx.errors}, put a value in its URL.
 */
final class BenchPages {
    private BenchPages() {
    }

    /** Serves each named resource at {@code /<name>} (no caching); the caller stops the server. */
    static HttpServer serve(List<String> names) throws IOException {
        return serve(names, InetAddress.getLoopbackAddress());
    }

    /** The same on {@code address} (bench relay: where a county namespace reaches this host). */
    static HttpServer serve(List<String> names, InetAddress address) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(address, 0), 0);
        for (String name : names) {
            byte[] body;
            try (InputStream in = BenchPages.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("no bench page " + name));
                }
                body = in.readAllBytes();
            }
            String type = name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8";
            http.createContext("/" + name, ex -> {
                ex.getResponseHeaders().set("Content-Type", type);
                ex.getResponseHeaders().set("Cache-Control", "no-store");
                ex.sendResponseHeaders(200, body.length);
                try (var out = ex.getResponseBody()) {
                    out.write(body);
                }
            });
        }
        http.createContext("/js/", ex -> {
            String name = ex.getRequestURI().getPath().substring("/js/".length());
            byte[] script = null;
            if (name.matches("[a-z0-9-]+\\.js")) {
                try (InputStream in = BenchPages.class.getClassLoader().getResourceAsStream("static/js/" + name)) {
                    script = in == null ? null : in.readAllBytes();
                }
            }
            if (script == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "text/javascript; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(200, script.length);
            try (var out = ex.getResponseBody()) {
                out.write(script);
            }
        });
        http.start();
        return http;
    }

    /** Waits until {@code until} holds, asking every 50 ms; fails naming {@code what} after {@code seconds}. */
    static void await(String what, int seconds, BooleanSupplier until) throws InterruptedException {
        await(what, seconds, 50, until);
    }

    /** The same, asking every {@code everyMillis}. */
    static void await(String what, int seconds, long everyMillis, BooleanSupplier until) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!until.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out: " + what);
            }
            Thread.sleep(everyMillis);
        }
    }

    /** True when {@code errors} (a page's {@code lx.errors}, as its script returned it) is empty; else fails. */
    static boolean noErrors(Object errors) {
        if (errors instanceof List<?> l && !l.isEmpty()) {
            throw new IllegalStateException("page errors: " + l);
        }
        return true;
    }

    /** {@code s} as a URL's query value. */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
