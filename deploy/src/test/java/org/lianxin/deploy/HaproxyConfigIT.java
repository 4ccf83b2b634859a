package org.lianxin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/haproxy/haproxy.cfg as HAProxy reads it ({@code haproxy -c}): valid and without a single warning, once its
 * placeholders are filled the way an operator fills them (two app nodes' addresses, a certificate file made here).
 */
class HaproxyConfigIT {

    @TempDir
    Path temp;

    @Test
    void theTemplateIsValidWithoutWarnings() throws IOException {
        Command check = check(filled(DeployFolder.read("haproxy/haproxy.cfg")));
        assertThat(check.output()).doesNotContain("WARNING").doesNotContain("ALERT").contains("Configuration file is valid");
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void aBrokenLineIsCaught() throws IOException {
        Command check = check(filled(DeployFolder.read("haproxy/haproxy.cfg")
                .replace("timeout tunnel 1h", "timeout tunel 1h")));
        assertThat(check.exitCode()).as("the check this test relies on: " + check.output()).isNotZero();
    }

    @Test
    void signalingIsATunnelToTheRoomsOwnerAndEveryBackendIsHealthChecked() {
        String cfg = DeployFolder.read("haproxy/haproxy.cfg");
        assertThat(cfg).contains("acl signaling path /ws/signaling", "use_backend signaling if signaling",
                "timeout tunnel 1h", "use-server app1 if { url_param(node) -m str app1 }",
                "stick on url_param(room)", "http-request redirect scheme https code 301",
                "bind :443 ssl crt /etc/haproxy/certs/lianxin.pem");
        assertThat(cfg.split("http-check send meth GET uri /actuator/health/readiness", -1)).hasSize(3);
    }

    private Command check(String config) throws IOException {
        String haproxy = Command.require("haproxy", "haproxy");
        Path file = temp.resolve("haproxy.cfg");
        Files.writeString(file, config);
        return Command.run(List.of(haproxy, "-c", "-f", file.toString()));
    }

    /** The template with its placeholders filled: node addresses on loopback, a self-signed certificate. */
    private String filled(String template) throws IOException {
        String openssl = Command.require("openssl", "openssl");
        Path key = temp.resolve("key.pem");
        Path cert = temp.resolve("cert.pem");
        Command made = Command.run(List.of(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "1", "-subj", "/CN=lianxin.test"));
        assertThat(made.exitCode()).as(made.output()).isZero();
        Path pem = temp.resolve("lianxin.pem");
        Files.writeString(pem, Files.readString(cert) + Files.readString(key));
        String filled = template.replace("/etc/haproxy/certs/lianxin.pem", pem.toString())
                .replace("<app-node-1-internal-ip>", "127.0.0.1")
                .replace("<app-node-2-internal-ip>", "127.0.0.2");
        assertThat(filled.lines().filter(l -> !l.strip().startsWith("#")).filter(l -> l.contains("<")))
                .as("placeholders left").isEmpty();
        return filled;
    }
}
