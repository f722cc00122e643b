package dev.clusterstack.core.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.clusterstack.core.bench.BenchResults.verdict;
import static dev.clusterstack.core.bench.BenchTiming.pct;

/**
 * Figure 6: the Maven plugin's share of {@code mvn -o package} of the sample stack. Runs whole Maven builds as child
 * processes (under {@code /usr/bin/time -v} for the peak RSS when it is installed):
 * <ul>
 *   <li>wall time and peak RSS of a build from an empty {@code target/}, with the plugin and with
 *   {@code -Dclusterstack.skip=true}, the two alternating round by round;</li>
 *   <li>a no-op rebuild: a second build on top of a complete one; its time, and sha256 + mtime of every file under
 *   {@code target/cluster-stacks} before and after (no file may change).</li>
 * </ul>
 * System properties: {@code bench.project} (folder of the stack project, default {@code ../sample-stack}),
 * {@code bench.mvn} (Maven command, default {@code mvn}), {@code bench.mvn.args} (extra arguments, e.g.
 * {@code -Dmaven.repo.local=...}), {@code bench.maven.opts} (MAVEN_OPTS of the measured builds; default: inherited),
 * {@code bench.plugin.rounds} (default 5).
 */
public final class PluginBuildBench {

    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    private PluginBuildBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchResults results = new BenchResults();
        Path out = Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath();
        run(results, Boolean.getBoolean("bench.quick"), out);
        results.write(out.resolve("results-plugin.md"), "## Benchmark results: Maven plugin (figure 6)\n\n- load average "
                + ClusterStackBench.loadAverage());
    }

    record Build(double ms, long rssKib, int exit) {
    }

    static void run(BenchResults results, boolean quick, Path out) throws Exception {
        Path project = Path.of(System.getProperty("bench.project", "../sample-stack")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(project.resolve("pom.xml"))) {
            results.note("figure 6 not run: no " + project.resolve("pom.xml"));
            return;
        }
        int rounds = Integer.getInteger("bench.plugin.rounds", quick ? 2 : 5);
        boolean time = Files.isExecutable(Path.of("/usr/bin/time"));
        Path logs = Files.createDirectories(out.resolve("plugin-logs"));
        Path target = project.resolve("target");
        Path stacks = target.resolve("cluster-stacks");
        System.out.println("figure 6: mvn -o package of " + project + " (" + ClusterStackBench.loadAverage() + ")");
        String opts = System.getProperty("bench.maven.opts", "");
        String label = opts.isBlank() ? "" : " [MAVEN_OPTS=" + opts.strip() + "]";

        // one untimed build of each kind first: file system caches, JIT-independent but disk-cache-dependent
        ClusterStackBench.deleteTree(target);
        mvn(project, logs.resolve("warmup-plugin.log"), time, false);
        ClusterStackBench.deleteTree(target);
        mvn(project, logs.resolve("warmup-skip.log"), time, true);

        List<Build> with = new ArrayList<>();
        List<Build> skip = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            ClusterStackBench.deleteTree(target);
            with.add(mvn(project, logs.resolve("plugin-" + r + ".log"), time, false));
            ClusterStackBench.deleteTree(target);
            skip.add(mvn(project, logs.resolve("skip-" + r + ".log"), time, true));
            System.out.println("  round " + r + ": plugin " + with.get(r) + ", skip " + skip.get(r));
        }
        boolean ok = with.stream().allMatch(b -> b.exit() == 0) && skip.stream().allMatch(b -> b.exit() == 0);
        BenchTiming.Sample wWith = new BenchTiming.Sample("with plugin", with.stream().mapToDouble(Build::ms).toArray());
        BenchTiming.Sample wSkip = new BenchTiming.Sample("skip", skip.stream().mapToDouble(Build::ms).toArray());
        results.add("6", "`mvn -o package` of the sample stack from an empty target/, with the plugin" + label, wWith.text()
                + (ok ? "" : " (A BUILD FAILED: see " + logs + ")"));
        results.add("6", "same with `-Dclusterstack.skip=true`" + label, wSkip.text());
        double share = wWith.median() / wSkip.median() - 1;
        results.add("6", "**wall time added by the plugin**" + label, "**" + pct(share) + "** (" + BenchTiming.ms(
                wWith.median() - wSkip.median()) + " ms)", "≤ +25 %", verdict(share <= 0.25, share <= 0.25 ? ""
                : "over by " + pct(share - 0.25)));
        if (time) {
            long[] rw = with.stream().mapToLong(Build::rssKib).sorted().toArray();
            long[] rs = skip.stream().mapToLong(Build::rssKib).sorted().toArray();
            double rssShare = (double) rw[rw.length / 2] / rs[rs.length / 2] - 1;
            results.add("6", "peak RSS (`/usr/bin/time -v`, largest process of the build), with the plugin" + label,
                    mib(rw[rw.length / 2]) + " MiB (" + mib(rw[0]) + "–" + mib(rw[rw.length - 1]) + ", n=" + rw.length
                            + ")");
            results.add("6", "peak RSS with `-Dclusterstack.skip=true`" + label, mib(rs[rs.length / 2]) + " MiB (" + mib(rs[0])
                    + "–" + mib(rs[rs.length - 1]) + ", n=" + rs.length + ")");
            results.add("6", "**peak RSS added by the plugin**" + label, "**" + pct(rssShare) + "**", "≤ +10 %",
                    verdict(rssShare <= 0.10, rssShare <= 0.10 ? "" : "over by " + pct(rssShare - 0.10)));
        } else {
            results.note("figure 6: /usr/bin/time not installed (Debian package `time`): no peak RSS");
        }

        // no-op rebuilds on top of a complete build
        ClusterStackBench.deleteTree(target);
        mvn(project, logs.resolve("noop-base.log"), time, false);
        Map<String, String> before = snapshot(stacks);
        List<Build> noop = new ArrayList<>();
        int changed = 0;
        for (int r = 0; r < rounds; r++) {
            Thread.sleep(1100); // a rewritten file would get a visibly different mtime
            noop.add(mvn(project, logs.resolve("noop-" + r + ".log"), time, false));
            Map<String, String> after = snapshot(stacks);
            changed = Math.max(changed, differences(before, after));
        }
        BenchTiming.Sample wNoop = new BenchTiming.Sample("no-op", noop.stream().mapToDouble(Build::ms).toArray());
        results.add("6", "no-op rebuild: second `mvn -o package` on a complete target/" + label, wNoop.text()
                + "; " + before.size() + " files under target/cluster-stacks, " + changed
                + " changed (sha256 or mtime)", "writes no file", verdict(changed == 0 && !before.isEmpty(),
                before.isEmpty() ? "no files under target/cluster-stacks" : changed + " files changed"));
    }

    private static Build mvn(Path project, Path log, boolean time, boolean skip) throws Exception {
        List<String> cmd = new ArrayList<>();
        Path timeOut = log.resolveSibling(log.getFileName() + ".time");
        if (time) {
            cmd.addAll(List.of("/usr/bin/time", "-v", "-o", timeOut.toString()));
        }
        cmd.add(System.getProperty("bench.mvn", "mvn"));
        cmd.addAll(List.of("-B", "-o", "package"));
        String extra = System.getProperty("bench.mvn.args", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(Arrays.asList(extra.split("\\s+")));
        }
        if (skip) {
            cmd.add("-Dclusterstack.skip=true");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        String mavenOpts = System.getProperty("bench.maven.opts");
        if (mavenOpts != null && !mavenOpts.isBlank()) {
            pb.environment().put("MAVEN_OPTS", mavenOpts);
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        int exit = p.waitFor();
        double ms = (System.nanoTime() - t0) / 1e6;
        long rss = -1;
        if (time && Files.exists(timeOut)) {
            Matcher m = MAX_RSS.matcher(Files.readString(timeOut, StandardCharsets.UTF_8));
            if (m.find()) {
                rss = Long.parseLong(m.group(1));
            }
        }
        if (exit != 0) {
            System.out.println("  BUILD FAILED (exit " + exit + "): " + String.join(" ", cmd) + ", log " + log);
        }
        return new Build(ms, rss, exit);
    }

    /** Relative path -> sha256 and mtime of every file under {@code dir}. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return m;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String sha;
                try {
                    sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                m.put(dir.relativize(p).toString(), sha + " " + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    private static int differences(Map<String, String> a, Map<String, String> b) {
        int n = 0;
        for (Map.Entry<String, String> e : a.entrySet()) {
            if (!e.getValue().equals(b.get(e.getKey()))) {
                n++;
            }
        }
        for (String k : b.keySet()) {
            if (!a.containsKey(k)) {
                n++;
            }
        }
        return n;
    }

    private static String mib(long kib) {
        return String.format(java.util.Locale.ROOT, "%.0f", kib / 1024.0);
    }
}
