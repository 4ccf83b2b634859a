package org.lianxin.bench;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.lianxin.signaling.live.LiveRooms;
import org.lianxin.signaling.token.SessionRef;
import org.lianxin.web.LianxinApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server side of {@code ./lianxin bench signaling}, run as a JVM of its own so that its heap is the server's:
 * {@code lianxin JANUS_URL ADMIN_KEY TOKEN_SECRET} runs the whole application (dev profile, H2 in memory) on
 * 127.0.0.1; {@code raw} runs the baseline, a bare Tomcat with one Jakarta WebSocket endpoint answering heartbeats;
 * {@code raw-small} the same with 2 KiB socket and WebSocket message buffers instead of Tomcat's 8 KiB defaults.
 * Both allow 30 000 connections (Tomcat's default is 8192). Prints {@code READY <port>}, then obeys stdin:
 * {@code open FROM TO} opens rooms bench-FROM..bench-(TO-1) (consultations), {@code heap} prints the heap used
 * after a full GC, {@code quit} exits.
 */
public final class SignalingServer {
    static final int MAX_CONNECTIONS = 30_000;

    public static void main(String[] args) throws Exception {
        LiveRooms rooms = null;
        int port;
        if (args[0].equals("lianxin")) {
            Path data = Files.createTempDirectory("lianxin-bench-signaling-");
            ConfigurableApplicationContext ctx = new SpringApplication(LianxinApplication.class).run(
                    "--spring.profiles.active=dev",
                    "--server.address=127.0.0.1",
                    "--server.port=0",
                    "--server.tomcat.max-connections=" + MAX_CONNECTIONS,
                    "--server.tomcat.accept-count=1000",
                    "--lianxin.data-dir=" + data,
                    "--spring.datasource.url=jdbc:h2:mem:bench-signaling;DB_CLOSE_DELAY=-1",
                    "--lianxin.demo.password=" + Base64.getEncoder().encodeToString(data.toString().getBytes()),
                    "--lianxin.signaling.janus-url=" + args[1],
                    "--lianxin.signaling.janus-admin-key=" + args[2],
                    "--lianxin.signaling.token-secret=" + args[3]);
            rooms = ctx.getBean(LiveRooms.class);
            port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
        } else {
            port = startRaw(args[0].equals("raw-small"));
        }
        System.out.println("READY " + port);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split(" ");
            switch (w[0]) {
                case "open" -> {
                    for (int i = Integer.parseInt(w[1]); i < Integer.parseInt(w[2]); i++) {
                        rooms.open("bench-" + i, SessionRef.consultation("bench-" + i));
                    }
                    System.out.println("OK");
                }
                case "heap" -> {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(300);
                    }
                    System.out.println("HEAP " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                }
                case "quit" -> {
                    System.out.println("BYE");
                    System.out.flush();
                    Runtime.getRuntime().halt(0);
                }
                default -> System.out.println("ERR " + line);
            }
            System.out.flush();
        }
        Runtime.getRuntime().halt(0); // the bench went away
    }

    /** A bare Tomcat (NIO, same connection limit) with {@link Echo} at /ws/echo. */
    private static int startRaw(boolean smallBuffers) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("lianxin-bench-tomcat-").toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxConnections", Integer.toString(MAX_CONNECTIONS));
        connector.setProperty("acceptCount", "1000");
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", null);
        if (smallBuffers) { // Tomcat's defaults are 8 KiB each: what smaller buffers would save per connection
            connector.setProperty("socket.appReadBufSize", "2048");
            connector.setProperty("socket.appWriteBufSize", "2048");
            ctx.addParameter("org.apache.tomcat.websocket.textBufferSize", "2048");
            ctx.addParameter("org.apache.tomcat.websocket.binaryBufferSize", "2048");
        }
        ctx.addServletContainerInitializer(new WsSci(), null);
        ctx.addApplicationListener(Register.class.getName());
        // the WebSocket upgrade runs in a filter, and filters only run for a request mapped to some servlet
        Tomcat.addServlet(ctx, "none", new jakarta.servlet.http.HttpServlet() {
        });
        ctx.addServletMappingDecoded("/", "none");
        tomcat.start();
        return connector.getLocalPort();
    }

    public static final class Register implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent sce) {
            ServerContainer sc = (ServerContainer) sce.getServletContext()
                    .getAttribute("jakarta.websocket.server.ServerContainer");
            try {
                sc.addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/ws/echo").build());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Answers every complete text frame with a heartbeat acknowledgement, like the signaling endpoint does. */
    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxIdleTimeout(60_000);
            StringBuilder partial = new StringBuilder();
            session.addMessageHandler(String.class, new MessageHandler.Partial<String>() {
                @Override
                public void onMessage(String part, boolean last) {
                    partial.append(part);
                    if (last) {
                        partial.setLength(0);
                        session.getAsyncRemote().sendText("{\"type\":\"heartbeatAck\"}");
                    }
                }
            });
        }
    }
}
