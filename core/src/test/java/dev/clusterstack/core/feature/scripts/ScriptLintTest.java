package dev.clusterstack.core.feature.scripts;

import static dev.clusterstack.core.feature.scripts.ScriptSupport.install;
import static dev.clusterstack.core.feature.scripts.ScriptSupport.onPath;
import static dev.clusterstack.core.feature.scripts.ScriptSupport.resource;
import static dev.clusterstack.core.feature.scripts.ScriptSupport.resourceNames;
import static dev.clusterstack.core.feature.scripts.ScriptSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clusterstack.core.feature.scripts.ScriptSupport.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Static checks of the feature scripts and the systemd unit templates. */
class ScriptLintTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z][A-Z0-9_]*@");

    static List<String> scripts() {
        return resourceNames(".sh");
    }

    @Test
    void theExpectedScriptsAreShipped() {
        assertTrue(scripts().containsAll(List.of("etcd-defrag.sh", "apiserver-limits.sh")), scripts().toString());
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void shellcheckClean(String script, @TempDir Path dir) throws IOException {
        assumeTrue(onPath("shellcheck"), "shellcheck not installed (apt-get install shellcheck): script lint skipped");
        Path file = install(script, dir);
        Result r = run(Map.of(), TIMEOUT, "shellcheck", "-S", "style", "-s", "bash", file.toString());
        assertEquals(0, r.exitCode(), "shellcheck findings in " + script + ":\n" + r.output());
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void strictBashWithoutPlaceholders(String script, @TempDir Path dir) throws IOException {
        String text = resource(script);
        assertTrue(text.startsWith("#!/usr/bin/env bash\n"), script + ": shebang");
        assertTrue(text.contains("\nset -euo pipefail\n"), script + ": set -euo pipefail");
        assertTrue(!PLACEHOLDER.matcher(text).find(), script + " must not contain template placeholders");
        Path file = install(script, dir);
        Result syntax = run(Map.of(), TIMEOUT, "bash", "-n", file.toString());
        assertEquals(0, syntax.exitCode(), syntax.output());
    }

    /** Every option the parser accepts is documented in the header that --help prints. */
    @ParameterizedTest
    @MethodSource("scripts")
    void helpDocumentsEveryOption(String script, @TempDir Path dir) throws IOException {
        Path file = install(script, dir);
        Result help = run(Map.of(), TIMEOUT, file.toString(), "--help");
        assertEquals(0, help.exitCode(), help.output());
        Set<String> parsed = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+(--[a-z][a-z0-9-]*)(?:=\\*)?\\)").matcher(resource(script));
        while (m.find()) {
            parsed.add(m.group(1));
        }
        assertTrue(parsed.size() >= 3, "options found: " + parsed);
        for (String option : parsed) {
            assertTrue(help.output().contains(option), script + " --help does not document " + option);
        }
        Result bad = run(Map.of(), TIMEOUT, file.toString(), "--no-such-option");
        assertEquals(2, bad.exitCode(), bad.output());
    }

    @Test
    void serviceTemplate() {
        String unit = resource("etcd-defrag.service");
        assertEquals(Set.of("@ARGS@"), placeholders(unit));
        assertDocumented(unit, "@ARGS@");
        for (String line : List.of("Type=oneshot", "Nice=19", "IOSchedulingClass=idle", "IOSchedulingPriority=7",
                "ExecStart=/usr/local/sbin/etcd-defrag.sh @ARGS@")) {
            assertTrue(unit.lines().anyMatch(line::equals), "service lacks " + line);
        }
    }

    @Test
    void timerTemplate() {
        String unit = resource("etcd-defrag.timer");
        assertEquals(Set.of("@SCHEDULE@"), placeholders(unit));
        assertDocumented(unit, "@SCHEDULE@");
        assertTrue(unit.contains("*-*-* 02:30:00"), "default schedule documented");
        for (String line : List.of("OnCalendar=@SCHEDULE@", "Persistent=true", "WantedBy=timers.target")) {
            assertTrue(unit.lines().anyMatch(line::equals), "timer lacks " + line);
        }
        int delay = unit.lines().filter(l -> l.startsWith("RandomizedDelaySec="))
                .mapToInt(l -> Integer.parseInt(l.substring(l.indexOf('=') + 1))).findFirst().orElse(-1);
        assertTrue(delay > 0 && delay <= 600, "small RandomizedDelaySec, got " + delay);
    }

    /** The rendered units pass systemd's own parser; a broken schedule does not (so the check bites). */
    @Test
    void renderedUnitsVerify(@TempDir Path dir) throws IOException {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze not installed (apt-get install systemd): unit verify skipped");
        Path script = install("etcd-defrag.sh", dir);
        String service = resource("etcd-defrag.service")
                .replace("@ARGS@", "--backup-dir /var/backups/etcd --keep 7 --fstrim")
                // systemd-analyze verify insists that the ExecStart binary exists
                .replace("/usr/local/sbin/etcd-defrag.sh", script.toString());
        Files.writeString(dir.resolve("etcd-defrag.service"), service, StandardCharsets.UTF_8);
        Path timer = dir.resolve("etcd-defrag.timer");

        Files.writeString(timer, resource("etcd-defrag.timer").replace("@SCHEDULE@", "*-*-* 02:30:00"));
        Result ok = verify(dir);
        assertEquals(0, ok.exitCode(), ok.output());
        assertEquals("", ok.output().strip());

        Files.writeString(timer, resource("etcd-defrag.timer").replace("@SCHEDULE@", "half past two"));
        Result broken = verify(dir);
        assertNotEquals(0, broken.exitCode(), broken.output());
    }

    private static Result verify(Path dir) {
        return run(Map.of("SYSTEMD_LOG_COLOR", "0"), TIMEOUT, "systemd-analyze", "verify", "--man=no",
                dir.resolve("etcd-defrag.timer").toString(), dir.resolve("etcd-defrag.service").toString());
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static void assertDocumented(String unit, String placeholder) {
        assertTrue(unit.lines().takeWhile(l -> l.startsWith("#") || l.isBlank())
                .anyMatch(l -> l.contains(placeholder)), placeholder + " is documented in the header comment");
    }
}
