package org.lianxin.bench.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.lianxin.web.LianxinApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application on embedded defaults with the demo data, in this JVM, for a check: dev profile, H2 in
 * memory, a temporary data folder, a random demo password and identity key, HTTP on a free port of 127.0.0.1.
 */
public record DemoApp(ConfigurableApplicationContext context, String password, String baseUrl, Path data)
        implements AutoCloseable {

    public static DemoApp start() {
        Path data;
        try {
            data = Files.createTempDirectory("lianxin-check-access-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String password = random(15);
        ConfigurableApplicationContext ctx = new SpringApplication(LianxinApplication.class).run(
                "--spring.profiles.active=dev",
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--lianxin.data-dir=" + data,
                "--spring.datasource.url=jdbc:h2:mem:check-access-" + random(6)
                        + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
                "--lianxin.demo.password=" + password,
                "--lianxin.scheduler.identity-key=" + Base64.getEncoder().encodeToString(bytes(32)));
        return new DemoApp(ctx, password,
                "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port"), data);
    }

    @Override
    public void close() {
        context.close();
        try (var paths = Files.walk(data)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind: the system's to clean
        }
    }

    private static String random(int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(n)).replace('-', 'x').replace('_', 'y');
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
