package dev.clusterstack.core.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.clusterstack.core.bench.BenchResults.verdict;

/**
 * Figure 7: the front ends on the 3-release OpenStack stack of {@code src-it/openstack-several-versions} (FreeMarker
 * interpolation, 3 Kubernetes versions, no vendoring), each from an empty {@code target/}, the candidates alternating
 * round by round:
 * <ul>
 *   <li>{@code mvn -o package -Dclusterstack.skip=true} (Maven alone);</li>
 *   <li>{@code mvn -o package} (the plugin's {@code package} and {@code docs} goals);</li>
 *   <li>{@code mvn -o verify} (the same plus {@code verify}: Helm renders and lints every release, CRD-free);</li>
 *   <li>{@code java -jar clusterstack-cli.jar build . -q} (the command line: generate + package);</li>
 *   <li>{@code cli/target/clusterstack build . -q} (the same through the launcher script, whose first run, the
 *   warm-up, writes its class-data sharing archive).</li>
 * </ul>
 * Wall time and CPU time (user + system of the whole process tree, from {@code /usr/bin/time}). The measured Maven
 * builds must find the plugin of this checkout: install it into a local repository of its own and pass it with
 * {@code -Dbench.mvn.args=-Dmaven.repo.local=...} (README "Benchmarks").
 * System properties: {@code bench.frontend.project} (the scenario folder), {@code bench.cli.jar},
 * {@code bench.version} (replaces {@code @clusterstackVersion@}), {@code bench.mvn}, {@code bench.mvn.args},
 * {@code bench.frontend.rounds} (default 5), {@code bench.maven.opts} (MAVEN_OPTS of the measured Maven builds, e.g.
 * {@code -XX:TieredStopAtLevel=1}; default: inherited).
 */
public final class FrontEndBench {

    private static final Pattern TIME = Pattern.compile("([0-9.]+) ([0-9.]+) ([0-9.]+)\\s*$");

    private FrontEndBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchResults results = new BenchResults();
        Path out = Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath();
        run(results, Boolean.getBoolean("bench.quick"), out);
        results.write(out.resolve("results-frontends.md"), "## Benchmark results: front ends (figure 7)\n\n- load average "
                + ClusterStackBench.loadAverage());
    }

    /** One timed run: wall and CPU seconds, exit code. */
    record Run(double wall, double cpu, int exit) {
    }

    static void run(BenchResults results, boolean quick, Path out) throws Exception {
        Path scenario = Path.of(System.getProperty("bench.frontend.project", "../src-it/openstack-several-versions"))
                .toAbsolutePath().normalize();
        Path jar = Path.of(System.getProperty("bench.cli.jar", "../cli/target/clusterstack-cli-"
                + System.getProperty("bench.version", "0.1.0-SNAPSHOT") + ".jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(scenario.resolve("pom.xml")) || !Files.isRegularFile(jar)) {
            results.note("figure 7 not run: needs " + scenario.resolve("pom.xml") + " and the command line's jar " + jar
                    + " (mvn -o package -pl cli -am)");
            return;
        }
        if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
            results.note("figure 7 not run: /usr/bin/time is not installed (Debian package `time`)");
            return;
        }
        Path project = out.resolve("frontend-project");
        ClusterStackBench.deleteTree(project);
        copyProject(scenario, project, System.getProperty("bench.version", "0.1.0-SNAPSHOT"));
        Path logs = Files.createDirectories(out.resolve("frontend-logs"));
        int rounds = Integer.getInteger("bench.frontend.rounds", quick ? 2 : 5);
        Map<String, List<String>> candidates = new LinkedHashMap<>();
        candidates.put("skip", mvn("package", "-Dclusterstack.skip=true"));
        candidates.put("package", mvn("package"));
        candidates.put("verify", mvn("verify"));
        candidates.put("cli", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "build", ".", "-q"));
        Path script = jar.resolveSibling("clusterstack");
        if (Files.isRegularFile(script)) {
            // the launcher: its first run (the warm-up) writes the class-data sharing archive into this cache
            candidates.put("script", List.of("env", "XDG_CACHE_HOME=" + out.resolve("frontend-cache"),
                    "CLUSTERSTACK_JAVA=" + Path.of(System.getProperty("java.home"), "bin", "java"), "bash",
                    script.toString(), "build", ".", "-q"));
        } else {
            results.note("figure 7: no launcher script " + script + ": the command line measured as java -jar only");
        }
        System.out.println("figure 7: front ends on " + project + " (" + ClusterStackBench.loadAverage() + ")");
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> c : candidates.entrySet()) {
            time(project, c.getValue(), logs.resolve("warmup-" + c.getKey() + ".log")); // file system caches
            runs.put(c.getKey(), new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder("  round " + r + " (" + ClusterStackBench.loadAverage() + "):");
            for (Map.Entry<String, List<String>> c : candidates.entrySet()) {
                Run run = time(project, c.getValue(), logs.resolve(c.getKey() + "-" + r + ".log"));
                runs.get(c.getKey()).add(run);
                line.append(' ').append(c.getKey()).append(' ').append(s(run.wall())).append(" s");
            }
            System.out.println(line);
        }
        boolean ok = runs.values().stream().flatMap(List::stream).allMatch(x -> x.exit() == 0);
        double skipWall = median(runs.get("skip"), true);
        double packageWall = median(runs.get("package"), true);
        double verifyWall = median(runs.get("verify"), true);
        String cliCandidate = runs.containsKey("script") ? "script" : "cli";
        double cliWall = median(runs.get(cliCandidate), true);
        for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
            results.add("7", label(e.getKey()), text(e.getValue()) + (ok ? "" : " (A RUN FAILED: see " + logs + ")"));
        }
        double plugin = packageWall - skipWall;
        results.add("7", "**wall time the plugin adds to `mvn -o package`**", "**+" + s(plugin) + " s** (CPU +"
                + s(median(runs.get("package"), false) - median(runs.get("skip"), false)) + " s)", "≤ +1.0 s",
                verdict(ok && plugin <= 1.0, plugin <= 1.0 ? "" : "over by " + s(plugin - 1.0) + " s"));
        double verify = verifyWall - packageWall;
        results.add("7", "**wall time `verify` adds over `package`**", "**+" + s(verify) + " s** (CPU +"
                + s(median(runs.get("verify"), false) - median(runs.get("package"), false)) + " s)", "≤ +1.5 s",
                verdict(ok && verify <= 1.5, verify <= 1.5 ? "" : "over by " + s(verify - 1.5) + " s"));
        results.add("7", "**the command line's cold `build`**" + (cliCandidate.equals("script")
                ? " (launcher script)" : " (java -jar)"), "**" + s(cliWall) + " s**", "< 1.5 s",
                verdict(ok && cliWall < 1.5, cliWall < 1.5 ? "" : "over by " + s(cliWall - 1.5) + " s"));
    }

    private static List<String> mvn(String phase, String... more) {
        List<String> cmd = new ArrayList<>(List.of(System.getProperty("bench.mvn", "mvn"), "-B", "-o", "-q", phase));
        String extra = System.getProperty("bench.mvn.args", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(Arrays.asList(extra.split("\\s+")));
        }
        cmd.addAll(Arrays.asList(more));
        return cmd;
    }

    private static Run time(Path project, List<String> command, Path log) throws Exception {
        ClusterStackBench.deleteTree(project.resolve("target"));
        Path timeOut = log.resolveSibling(log.getFileName() + ".time");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S", "-o", timeOut.toString()));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        String mavenOpts = System.getProperty("bench.maven.opts", "");
        if (!mavenOpts.isBlank() && command.get(0).equals(System.getProperty("bench.mvn", "mvn"))) {
            pb.environment().put("MAVEN_OPTS", mavenOpts);
        }
        Process p = pb.start();
        int exit = p.waitFor();
        Matcher m = TIME.matcher(Files.readString(timeOut, StandardCharsets.UTF_8));
        if (exit != 0 || !m.find()) {
            System.out.println("  FAILED (exit " + exit + "): " + String.join(" ", command) + ", log " + log);
            return new Run(Double.NaN, Double.NaN, exit == 0 ? -1 : exit);
        }
        return new Run(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(3)),
                exit);
    }

    private static void copyProject(Path from, Path to, String version) throws Exception {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                String name = p.getFileName().toString();
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (name.equals("pom.xml")) {
                    Files.writeString(target, Files.readString(p, StandardCharsets.UTF_8)
                            .replace("@clusterstackVersion@", version), StandardCharsets.UTF_8);
                } else if (!name.equals("invoker.properties") && !name.endsWith(".groovy")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static String label(String candidate) {
        return switch (candidate) {
            case "skip" -> "`mvn -o package -Dclusterstack.skip=true` (Maven alone), wall / CPU";
            case "package" -> "`mvn -o package` (plugin goals `package` and `docs`), wall / CPU";
            case "verify" -> "`mvn -o verify` (plus `verify`), wall / CPU";
            case "script" -> "`cli/target/clusterstack build . -q` (the launcher: class-data sharing archive, client"
                    + " compiler), wall / CPU";
            default -> "`java -jar clusterstack-cli.jar build . -q`, wall / CPU";
        };
    }

    private static String text(List<Run> runs) {
        double[] wall = runs.stream().mapToDouble(Run::wall).sorted().toArray();
        return s(median(runs, true)) + " s (" + s(wall[0]) + "–" + s(wall[wall.length - 1]) + ", n=" + wall.length
                + ") / " + s(median(runs, false)) + " s";
    }

    private static double median(List<Run> runs, boolean wall) {
        double[] v = runs.stream().mapToDouble(wall ? Run::wall : Run::cpu).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String s(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds);
    }
}
