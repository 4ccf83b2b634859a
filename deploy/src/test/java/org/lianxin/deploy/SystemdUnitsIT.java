package org.lianxin.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units of deploy/systemd/ as systemd itself reads them: {@code systemd-analyze verify} prints nothing
 * about them (an unknown or misspelled key, a bad value, a missing program are all printed, not refused — so any
 * line naming our files is a failure), and {@code systemd-analyze security --offline} rates each service OK.
 * The drop-ins are checked on top of Debian's own janus.service and coturn.service (packages janus and coturn), by
 * putting them on the unit path ({@code SYSTEMD_UNIT_PATH=<dir>:}), as they would be in /etc/systemd/system.
 * Verify needs each ExecStart program to exist: /usr/bin/java, /usr/bin/janus and /usr/bin/turnserver are the
 * paths Debian's packages install, present wherever {@code ./lianxin test} ran — no stand-ins.
 */
class SystemdUnitsIT {

    /** systemd's exposure score (0 = locked down, 10 = unprotected); 2.5 and below is what it calls "OK". */
    static final double MAX_EXPOSURE = 2.5;
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

    @TempDir
    Path temp;

    @Test
    void theAppUnitVerifiesWithoutAWord() {
        String analyze = Command.require("systemd-analyze", "systemd");
        Path unit = DeployFolder.file("systemd/lianxin.service");
        Command verify = Command.run(List.of(analyze, "verify", unit.toString()));
        assertThat(verify.linesNaming("lianxin.service")).as(verify.output()).isEmpty();
        assertThat(verify.exitCode()).as(verify.output()).isZero();
    }

    @Test
    void theDropInsVerifyOnTopOfDebiansUnits() throws IOException {
        String analyze = Command.require("systemd-analyze", "systemd");
        for (String service : List.of("janus.service", "coturn.service")) {
            Path debian = debianUnit(service);
            Map<String, String> env = dropInPath(service);
            Command verify = Command.run(List.of(analyze, "verify", debian.toString()), env);
            assertThat(verify.linesNaming(service, temp.toString())).as(verify.output()).isEmpty();
            assertThat(verify.exitCode()).as(verify.output()).isZero();
        }
    }

    @Test
    void aMisspelledKeyIsCaught() throws IOException {
        String analyze = Command.require("systemd-analyze", "systemd");
        Path broken = temp.resolve("lianxin.service");
        Files.writeString(broken, DeployFolder.read("systemd/lianxin.service")
                .replace("NoNewPrivileges=yes", "NoNewPrivilege=yes"));
        Command verify = Command.run(List.of(analyze, "verify", broken.toString()));
        assertThat(verify.linesNaming("lianxin.service")).as("the check this test relies on")
                .anySatisfy(line -> assertThat(line).contains("NoNewPrivilege"));
    }

    @Test
    void everyServiceIsRatedOkBySystemd() throws IOException {
        String analyze = Command.require("systemd-analyze", "systemd");
        assertThat(exposure(Command.run(List.of(analyze, "security", "--offline=true", "--no-pager",
                DeployFolder.file("systemd/lianxin.service").toString())))).isLessThanOrEqualTo(MAX_EXPOSURE);
        for (String service : List.of("janus.service", "coturn.service")) {
            Path debian = debianUnit(service);
            double without = exposure(Command.run(List.of(analyze, "security", "--offline=true", "--no-pager",
                    debian.toString())));
            double with = exposure(Command.run(List.of(analyze, "security", "--offline=true", "--no-pager",
                    debian.toString()), dropInPath(service)));
            assertThat(with).as(service + " with our drop-in").isLessThanOrEqualTo(MAX_EXPOSURE);
            assertThat(without).as(service + " as Debian ships it (the drop-in is what hardens it)")
                    .isGreaterThan(MAX_EXPOSURE);
        }
    }

    private static Path debianUnit(String service) {
        String program = service.startsWith("janus") ? "janus" : "turnserver";
        Command.require(program, service.startsWith("janus") ? "janus" : "coturn");
        for (String dir : List.of("/lib/systemd/system", "/usr/lib/systemd/system")) {
            Path p = Path.of(dir, service);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new AssertionError(service + " not found: is Debian's package installed?");
    }

    /** A unit path with our drop-in folder for {@code service} first, then systemd's own ("dir:"). */
    private Map<String, String> dropInPath(String service) throws IOException {
        Path units = temp.resolve("units-" + service);
        Path dropIns = units.resolve(service + ".d");
        Files.createDirectories(dropIns);
        Files.copy(DeployFolder.file("systemd/" + service + ".d/lianxin.conf"), dropIns.resolve("lianxin.conf"));
        return Map.of("SYSTEMD_UNIT_PATH", units + ":");
    }

    private static double exposure(Command security) {
        Matcher m = EXPOSURE.matcher(security.output());
        assertThat(m.find()).as(security.output()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
