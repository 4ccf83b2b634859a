package org.lianxin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package the build wrote in this module's package phase (jdeb), read with dpkg-deb as dpkg will: its
 * control data (name, architecture, a Java 17 runtime among the dependencies, the conffile, maintainer scripts that
 * are valid sh), its files with their modes, and that what it installs is what this repository holds (the unit,
 * the configuration template, a runnable Spring Boot jar).
 */
class DebPackageIT {

    @TempDir
    Path temp;

    private String dpkgDeb;
    private Path deb;

    @BeforeEach
    void thePackage() {
        dpkgDeb = Command.require("dpkg-deb", "dpkg");
        String path = System.getProperty("lianxin.deb");
        assertThat(path).as("system property lianxin.deb (set by the module's pom)").isNotNull();
        deb = Path.of(path);
        assertThat(deb).as("the package phase wrote it").isRegularFile();
    }

    @Test
    void itsControlDataNamesTheServiceAndAJava17Runtime() {
        assertThat(field("Package")).isEqualTo("lianxin");
        assertThat(field("Architecture")).isEqualTo("all");
        assertThat(field("Version")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(field("Depends")).contains("openjdk-17-jre-headless | java17-runtime-headless", "adduser",
                "fonts-wqy-microhei");
        assertThat(info("conffiles").output().strip()).isEqualTo("/etc/lianxin/application-prod.yml");
    }

    @Test
    void itsMaintainerScriptsCreateTheUserAndDataFolderAndAreValidShell() throws IOException {
        String postinst = info("postinst").output();
        assertThat(postinst).startsWith("#!/bin/sh").contains("adduser --system", "install -d -o lianxin -g lianxin -m 0750 /var/lib/lianxin");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = temp.resolve(script);
            Files.writeString(file, info(script).output());
            Command syntax = Command.run(List.of("sh", "-n", file.toString()));
            assertThat(syntax.exitCode()).as(script + ": " + syntax.output()).isZero();
        }
    }

    @Test
    void itInstallsTheJarTheUnitAndTheConfigurationWithTheirModes() {
        Command list = Command.run(List.of(dpkgDeb, "--contents", deb.toString()));
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output())
                .containsPattern("-rw-r--r-- root/root\\s+\\d{8,} [-0-9: ]+ \\./usr/share/lianxin/lianxin\\.jar")
                .containsPattern("-rw-r--r-- root/root\\s+\\d+ [-0-9: ]+ \\./lib/systemd/system/lianxin\\.service")
                .containsPattern("-rw-r----- root/root\\s+\\d+ [-0-9: ]+ \\./etc/lianxin/application-prod\\.yml")
                .containsPattern("-rwxr-xr-x root/root\\s+\\d+ [-0-9: ]+ \\./usr/share/lianxin/backup/restore-drill\\.sh")
                .contains("./usr/share/doc/lianxin/examples/janus/janus.jcfg",
                        "./usr/share/doc/lianxin/examples/haproxy/haproxy.cfg",
                        "./usr/share/doc/lianxin/examples/systemd/janus.service.d/lianxin.conf",
                        "./usr/share/doc/lianxin/lianxin.env.example")
                .doesNotContain("lianxin.env\n").doesNotContain(".env ");
    }

    @Test
    void whatItInstallsIsWhatTheRepositoryHolds() throws IOException {
        Path root = temp.resolve("root");
        Command extract = Command.run(List.of(dpkgDeb, "--extract", deb.toString(), root.toString()));
        assertThat(extract.exitCode()).as(extract.output()).isZero();
        assertThat(root.resolve("lib/systemd/system/lianxin.service"))
                .hasSameTextualContentAs(DeployFolder.file("systemd/lianxin.service"));
        assertThat(root.resolve("etc/lianxin/application-prod.yml"))
                .hasSameTextualContentAs(DeployFolder.file("app/application-prod.yml"));
        try (JarFile jar = new JarFile(root.resolve("usr/share/lianxin/lianxin.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .startsWith("org.springframework.boot.loader");
            assertThat(jar.getManifest().getMainAttributes().getValue("Start-Class")).startsWith("org.lianxin.");
            assertThat(jar.getEntry("BOOT-INF/classes/application.yml")).isNotNull();
        }
    }

    private String field(String name) {
        Command f = Command.run(List.of(dpkgDeb, "--field", deb.toString(), name));
        assertThat(f.exitCode()).as(f.output()).isZero();
        return f.output().strip();
    }

    private Command info(String member) {
        Command i = Command.run(List.of(dpkgDeb, "--info", deb.toString(), member));
        assertThat(i.exitCode()).as(member + ": " + i.output()).isZero();
        return i;
    }
}
