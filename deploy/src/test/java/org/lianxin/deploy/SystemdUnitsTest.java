package org.lianxin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the units promise an operator, read from the files (systemd's own reading: SystemdUnitsIT). */
class SystemdUnitsTest {

    @Test
    void theAppRunsTheInstalledJarAsItsOwnUserWithSecretsFromAnEnvironmentFile() {
        Map<String, String> unit = settings(DeployFolder.read("systemd/lianxin.service"));
        assertThat(unit.get("ExecStart")).startsWith("/usr/bin/java ")
                .contains("-jar /usr/share/lianxin/lianxin.jar", "--spring.profiles.active=prod",
                        "file:/etc/lianxin/application-prod.yml");
        assertThat(unit).containsEntry("User", "lianxin").containsEntry("Group", "lianxin")
                .containsEntry("EnvironmentFile", "-/etc/lianxin/lianxin.env")
                .containsEntry("ReadWritePaths", "/var/lib/lianxin /var/log/lianxin")
                .containsEntry("LimitNOFILE", "65536");
    }

    @Test
    void everyServiceHasTheHardeningOptions() {
        for (String file : List.of("systemd/lianxin.service", "systemd/janus.service.d/lianxin.conf",
                "systemd/coturn.service.d/lianxin.conf")) {
            Map<String, String> unit = settings(DeployFolder.read(file));
            assertThat(unit).as(file)
                    .containsEntry("NoNewPrivileges", "yes")
                    .containsEntry("ProtectSystem", "strict")
                    .containsEntry("ProtectHome", "yes")
                    .containsEntry("PrivateTmp", "yes")
                    .containsEntry("SystemCallFilter", "@system-service")
                    .containsKeys("CapabilityBoundingSet", "RestrictAddressFamilies", "LimitNOFILE");
        }
    }

    @Test
    void onlyCoturnKeepsACapabilityAndOnlyTheJvmMayWriteExecutableMemory() {
        assertThat(settings(DeployFolder.read("systemd/lianxin.service")))
                .containsEntry("CapabilityBoundingSet", "").doesNotContainKey("MemoryDenyWriteExecute");
        assertThat(DeployFolder.read("systemd/lianxin.service")).contains("MemoryDenyWriteExecute=yes is NOT set");
        assertThat(settings(DeployFolder.read("systemd/janus.service.d/lianxin.conf")))
                .containsEntry("CapabilityBoundingSet", "").containsEntry("MemoryDenyWriteExecute", "yes");
        assertThat(settings(DeployFolder.read("systemd/coturn.service.d/lianxin.conf")))
                .containsEntry("CapabilityBoundingSet", "CAP_NET_BIND_SERVICE")
                .containsEntry("MemoryDenyWriteExecute", "yes");
    }

    /** Key=value lines (the last one of a key wins, as in systemd; continuation lines joined). */
    static Map<String, String> settings(String unit) {
        Map<String, String> out = new LinkedHashMap<>();
        String joined = unit.replace("\\\n", " ");
        for (String line : joined.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("[")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq > 0) {
                out.put(l.substring(0, eq), l.substring(eq + 1).strip().replaceAll("\\s+", " "));
            }
        }
        return out;
    }
}
