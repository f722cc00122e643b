package dev.clusterstack.core.bench;

import dev.clusterstack.core.bench.BenchTiming.Round;
import dev.clusterstack.core.bench.BenchTiming.Sample;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.ReproducibleArchive;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.render.AddonCharts;
import dev.clusterstack.core.render.ClusterClassChart;
import dev.clusterstack.core.validate.StackValidator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.clusterstack.core.bench.BenchTiming.ms;
import static dev.clusterstack.core.bench.BenchTiming.pct;
import static dev.clusterstack.core.bench.BenchTiming.ratio;
import static dev.clusterstack.core.bench.BenchResults.verdict;

/**
 * Benchmarks: figures 1 to 5 here, figure 6 (the Maven plugin's share of a build) in
 * {@link PluginBuildBench}, run from here with {@code -Dbench.figures=6}, figure 7 (the front ends on a 3-release
 * stack) in {@link FrontEndBench}, with {@code -Dbench.figures=7}.
 * A hand harness, not a JUnit test: run it with {@code mvn -B -o -Pbench -pl core verify}; figures are printed and
 * written to {@code target/bench/results.md}.
 *
 * <p>System properties: {@code bench.out} (result folder), {@code bench.figures} (e.g. {@code 2,3}; default all),
 * {@code bench.quick=true} (fewer rounds, for trying the harness), {@code bench.docker}, {@code bench.openstack}
 * (stack definitions).
 */
public final class ClusterStackBench {

    private static final Instant MTIME = ReproducibleArchive.DEFAULT_MTIME;

    private final Path out;
    private final Path work;
    /** Work folder on tmpfs ({@code bench.tmpfs}, default /dev/shm), or null: separates CPU from file system cost. */
    private final Path memWork;
    private final boolean quick;
    private final BenchResults results = new BenchResults();

    private ClusterStackBench(Path out, Path memWork, boolean quick) {
        this.out = out;
        this.work = out.resolve("work");
        this.memWork = memWork;
        this.quick = quick;
    }

    /** The work folders to run file-writing figures in: the build folder (target/, the real case) and tmpfs. */
    private Map<String, Path> locations() {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("disk", work);
        if (memWork != null) {
            m.put("tmpfs", memWork);
        }
        return m;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath();
        boolean quick = Boolean.getBoolean("bench.quick");
        Set<String> figures = Arrays.stream(System.getProperty("bench.figures", "1,2,3,4,5").split(","))
                .map(String::trim).collect(Collectors.toSet());
        Path tmpfs = Path.of(System.getProperty("bench.tmpfs", "/dev/shm"));
        Path memWork = Files.isDirectory(tmpfs) && Files.isWritable(tmpfs)
                ? tmpfs.resolve("clusterstack-bench-" + ProcessHandle.current().pid()) : null;
        ClusterStackBench bench = new ClusterStackBench(out, memWork, quick);
        for (Path w : bench.locations().values()) {
            deleteTree(w);
            Files.createDirectories(w);
        }
        String start = loadAverage();
        Instant started = Instant.now();
        bench.warmUp();
        if (figures.contains("1")) {
            bench.figure1();
        }
        if (figures.contains("2") || figures.contains("3")) {
            bench.figures2and3(figures.contains("2"), figures.contains("3"));
        }
        if (figures.contains("4")) {
            bench.figure4();
        }
        if (figures.contains("5")) {
            bench.figure5();
        }
        if (figures.contains("6")) {
            PluginBuildBench.run(bench.results, quick, out);
        }
        if (figures.contains("7")) {
            FrontEndBench.run(bench.results, quick, out);
        }
        String header = "## Benchmark results\n\n"
                + "- machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "; bench JVM: "
                + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).collect(Collectors.joining(" ")) + "\n"
                + "- run: " + started + " (" + (Instant.now().getEpochSecond() - started.getEpochSecond()) + " s); "
                + "load average (1/5/15 min) at start " + start + ", at end " + loadAverage()
                + "\n- disk: the build folder (" + fileSystem(out) + "); tmpfs: " + (memWork == null ? "none"
                : memWork.getParent() + " (" + fileSystem(memWork.getParent()) + ")")
                + (quick ? "\n- QUICK mode: few rounds, figures indicative only" : "");
        bench.results.write(out.resolve("results.md"), header);
        for (Path w : bench.locations().values()) {
            deleteTree(w);
        }
    }

    private int rounds(int full) {
        return quick ? Math.max(2, full / 5) : full;
    }

    // ------------------------------------------------------------------ warm-up

    /** Loads, validates, renders and packages both stacks a few times so that the JIT has seen every path. */
    private void warmUp() throws Exception {
        System.out.println("warm-up");
        Path stackFile = BenchStacks.openstack() != null ? BenchStacks.openstack() : BenchStacks.docker();
        long until = System.nanoTime() + (quick ? 2_000_000_000L : 8_000_000_000L);
        int n = 0;
        while (System.nanoTime() < until) {
            ClusterStack stack = BenchStacks.load(n % 2 == 0 ? stackFile : BenchStacks.docker());
            Path dir = work.resolve("warmup");
            build(stack, dir);
            deleteTree(dir);
            n++;
        }
        System.out.println("  " + n + " builds");
    }

    private static List<ReleaseBuilder.ReleaseOutput> build(ClusterStack stack, Path outDir) {
        return ReleaseBuilder.build(stack, new ReleaseBuilder.Options(VersionMode.STABLE, null, outDir, null, null,
                false, null));
    }

    // ------------------------------------------------------------------ figure 1

    private void figure1() throws Exception {
        System.out.println("figure 1: render + package per Kubernetes version (" + loadAverage() + ")");
        Map<String, Path> stacks = new LinkedHashMap<>();
        stacks.put("docker test stack", BenchStacks.docker());
        if (BenchStacks.openstack() != null) {
            stacks.put("OpenStack sample", BenchStacks.openstack());
        } else {
            results.note("figure 1: no OpenStack sample stack in this checkout; docker test stack only");
        }
        for (Map.Entry<String, Path> e : stacks.entrySet()) {
            String label = e.getKey();
            Path file = e.getValue();
            ClusterStack stack = BenchStacks.load(file);
            int versions = stack.releases().size();
            Sample load = BenchTiming.time(label + " load", 5, rounds(30), r -> BenchStacks.load(file));
            Sample validate = BenchTiming.time(label + " validate", 5, rounds(30), r -> StackValidator.validate(stack));
            Sample render = BenchTiming.time(label + " render in memory", 10, rounds(50), r -> {
                for (KubernetesRelease rel : stack.releases()) {
                    ClusterClassChart.render(stack, rel, "v1");
                    AddonCharts.archiveFiles(stack, rel, "v1");
                    AddonCharts.clusterAddonConfig(rel.content());
                }
            });
            String f = "1";
            results.add(f, label + " (" + versions + " versions): load definition (whole stack)", load.text());
            results.add(f, label + ": validate (whole stack)", validate.text());
            results.add(f, label + ": render charts in memory, per version", render.per(versions).text());
            for (Map.Entry<String, Path> loc : locations().entrySet()) {
                Path dir = loc.getValue().resolve("fig1");
                Sample build = BenchTiming.time(label + " ReleaseBuilder.build on " + loc.getKey(), 5, rounds(30),
                        r -> deleteTree(dir), r -> build(stack, dir));
                deleteTree(dir);
                String m = label + ": render + package (ReleaseBuilder.build: validate, render twice, hash, "
                        + "2 archives, release folders), per version, on " + loc.getKey();
                String v = build.per(versions).text() + "; thread CPU " + build.per(versions).cpu().text();
                results.add(f, loc.getKey().equals("disk") ? "**" + m + "**" : m, loc.getKey().equals("disk")
                        ? "**" + v + "**" : v);
            }
        }
    }

    // ------------------------------------------------------------------ figures 2 and 3

    private void figures2and3(boolean fig2, boolean fig3) throws Exception {
        System.out.println("figures 2/3: packager vs Helm package vs floor (" + loadAverage() + ")");
        boolean openstack = BenchStacks.openstack() != null;
        ClusterStack stack = BenchStacks.load(openstack ? BenchStacks.openstack() : BenchStacks.docker());
        KubernetesRelease release = stack.releases().get(stack.releases().size() - 1);
        String chartName = ClusterClassChart.chartName(stack, release);
        int level = ReproducibleArchive.DEFAULT_LEVEL;
        try (HelmRunner helm = HelmRunner.create()) {
            for (Map.Entry<String, Path> loc : locations().entrySet()) {
                String where = loc.getKey();
                Path base = loc.getValue().resolve("fig23");
                deleteTree(base);
                Path chartParent = base.resolve("chart");
                Path chartDir = chartParent.resolve(chartName);
                List<String> files = ClusterClassChart.write(stack, release, "v1", chartDir);
                List<ArchiveFloors.Entry> entries = ArchiveFloors.entries(chartDir, chartName);
                long rawBytes = entries.stream().mapToLong(x -> x.bytes().length).sum();
                Path ours9 = base.resolve("ours9.tgz");
                Path ours6 = base.resolve("ours6.tgz");
                Path ours1 = base.resolve("ours1.tgz");
                Path floor9 = base.resolve("floor9.tgz");
                Path floor6 = base.resolve("floor6.tgz");
                Path helmDir = base.resolve("helm");
                Path system9 = base.resolve("system9.tgz");

                LinkedHashMap<String, Round> candidates = new LinkedHashMap<>();
                candidates.put("ours level " + level + " (default) " + where,
                        r -> ReproducibleArchive.writeTarGz(chartDir, chartName, ours9, MTIME, level));
                candidates.put("ours level 9 " + where,
                        r -> ReproducibleArchive.writeTarGz(chartDir, chartName, ours6, MTIME, 9));
                candidates.put("ours level 1 " + where,
                        r -> ReproducibleArchive.writeTarGz(chartDir, chartName, ours1, MTIME, 1));
                if (fig2) {
                    candidates.put("Helm package (helm-java, in-process) " + where,
                            r -> helm.packageChart(chartDir, helmDir));
                }
                if (fig3) {
                    candidates.put("floor A level " + level + " " + where, r -> ArchiveFloors.commonsCompress(entries, floor9, level));
                    candidates.put("floor A level 9 " + where, r -> ArchiveFloors.commonsCompress(entries, floor6, 9));
                    candidates.put("floor B level " + level + " (memory)", r -> ArchiveFloors.inMemory(entries, level));
                    candidates.put("floor B level 9 (memory)", r -> ArchiveFloors.inMemory(entries, 9));
                }
                List<Sample> s = BenchTiming.interleaved(quick ? 20 : 200, rounds(300), candidates);
                Sample o9 = s.get(0);
                Sample o6 = s.get(1);
                Sample o1 = s.get(2);
                int i = 3;
                String w = " [" + where + "]";
                results.note("figures 2/3 [" + where + "]: " + (openstack ? "OpenStack sample" : "docker test stack")
                        + " cluster-class chart " + release.kubernetesVersion() + " (" + files.size() + " files, "
                        + kib(rawBytes) + " KiB) in " + chartParent.getParent().getParent() + "; candidates timed "
                        + "round-robin in one JVM");
                results.add("2/3", "our packager, level " + level + " (default, as Helm): ReproducibleArchive.writeTarGz" + w, o9.text()
                        + ", " + kib(Files.size(ours9)) + " KiB");
                results.add("2/3", "our packager, level 9" + w, o6.text() + ", " + kib(Files.size(ours6)) + " KiB");
                results.add("2/3", "our packager, level 1" + w, o1.text() + ", " + kib(Files.size(ours1)) + " KiB");
                if (fig2) {
                    Sample h = s.get(i++);
                    Path helmArchive;
                    try (Stream<Path> l = Files.list(helmDir)) {
                        helmArchive = l.findFirst().orElseThrow();
                    }
                    results.add("2", "Helm's package (HelmRunner.packageChart: helm-java in-process, Go gzip default "
                            + "level 6)" + w, h.text() + ", " + kib(Files.size(helmArchive)) + " KiB");
                    double r9 = h.median() / o9.median();
                    String m = "Helm package ÷ ours (level " + level + ")" + w;
                    results.add("2", where.equals("disk") ? "**" + m + "**" : m, (where.equals("disk") ? "**"
                                    + ratio(r9) + "**" : ratio(r9)) + " (by min: " + ratio(h.min() / o9.min())
                                    + "; ours level 9: " + ratio(h.median() / o6.median()) + ", level 1: "
                                    + ratio(h.median() / o1.median()) + ")", "≥ 5×",
                            verdict(r9 >= 5, r9 >= 5 ? "" : "short by " + ratio(5 / r9)));
                }
                if (fig3) {
                    Sample fa9 = s.get(i++);
                    Sample fa6 = s.get(i++);
                    Sample fb9 = s.get(i++);
                    Sample fb6 = s.get(i);
                    results.add("3", "floor A, level " + level + ": commons-compress TarArchiveOutputStream + GZIPOutputStream, "
                            + "files read, archive written" + w, fa9.text() + ", " + kib(Files.size(floor9)) + " KiB");
                    results.add("3", "floor A, level 9" + w, fa6.text());
                    if (where.equals("disk")) {
                        results.add("3", "floor B, level " + level + ": hand ustar + GZIPOutputStream, bytes in memory, no file",
                                fb9.text());
                        results.add("3", "floor B, level 9", fb6.text());
                    }
                    double ra = o9.median() / fa9.median();
                    String m = "ours ÷ floor A (same level " + level + ")" + w;
                    results.add("3", where.equals("disk") ? "**" + m + "**" : m, (where.equals("disk") ? "**"
                                    + ratio(ra) + "**" : ratio(ra)) + " (by min: " + ratio(o9.min() / fa9.min())
                                    + "; level 9: " + ratio(o6.median() / fa6.median()) + "; ours ÷ floor B: "
                                    + ratio(o9.median() / fb9.median()) + ")", "≤ 2×",
                            verdict(ra <= 2, ra <= 2 ? "" : "over by " + ratio(ra / 2)));

                    // side figure: system tools, one process pipeline per round
                    String cmd = "tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@"
                            + MTIME.getEpochSecond() + " --format=pax -C '" + chartParent + "' -cf - '" + chartName
                            + "' | gzip -" + level + " -n > '" + system9 + "'";
                    Sample sys = BenchTiming.time("tar | gzip -" + level + " (system) " + where, quick ? 3 : 10, rounds(50), r -> {
                        Process p = new ProcessBuilder("sh", "-c", cmd).inheritIO().start();
                        if (p.waitFor() != 0) {
                            throw new IOException("tar | gzip failed: " + cmd);
                        }
                    });
                    results.add("3", "side: `tar --sort=name … | gzip -" + level + " -n` (system tools; starts sh, tar, gzip)"
                            + w, sys.text() + ", " + kib(Files.size(system9)) + " KiB; ÷ ours: "
                            + ratio(sys.median() / o9.median()));
                }
                deleteTree(base);
            }
        }
    }

    // ------------------------------------------------------------------ figure 4

    /**
     * 1, 8 and 64 versions, timed round-robin (x1, x8, x64, x1, ...) so that a change in the machine's load hits all
     * three alike; each round starts from an empty output folder.
     */
    private void figure4() throws Exception {
        System.out.println("figure 4: scaling (" + loadAverage() + ")");
        boolean openstack = BenchStacks.openstack() != null;
        ClusterStack base = BenchStacks.load(openstack ? BenchStacks.openstack() : BenchStacks.docker());
        String label = openstack ? "OpenStack sample" : "docker test stack";
        int[] sizes = {1, 8, 64};
        for (Map.Entry<String, Path> loc : locations().entrySet()) {
            String where = loc.getKey();
            Path dir = loc.getValue().resolve("fig4");
            LinkedHashMap<String, Round> candidates = new LinkedHashMap<>();
            for (int size : sizes) {
                ClusterStack stack = BenchStacks.scaled(base, size);
                candidates.put(label + " x" + size + " " + where, r -> build(stack, dir));
            }
            deleteTree(dir);
            List<Sample> samples = BenchTiming.interleaved(1, rounds(7), candidates, r -> deleteTree(dir));
            deleteTree(dir);
            Sample[] perVersion = new Sample[sizes.length];
            for (int k = 0; k < sizes.length; k++) {
                perVersion[k] = samples.get(k).per(sizes[k]);
                results.add("4", label + ", " + sizes[k] + " version" + (sizes[k] == 1 ? "" : "s")
                        + ": ReleaseBuilder.build per version [" + where + "]", perVersion[k].text()
                        + "; thread CPU " + perVersion[k].cpu().text() + "; whole build " + ms(samples.get(k).median())
                        + " ms");
            }
            double change = perVersion[2].median() / perVersion[1].median() - 1;
            double cpuChange = perVersion[2].cpu().median() / perVersion[1].cpu().median() - 1;
            String m = "per-version cost, 64 vs 8 versions [" + where + "]";
            results.add("4", where.equals("disk") ? "**" + m + "**" : m, (where.equals("disk") ? "**wall " + pct(change)
                    + "**" : "wall " + pct(change)) + ", thread CPU " + pct(cpuChange), "±20 %",
                    verdict(Math.abs(change) <= 0.20, Math.abs(change) <= 0.20 ? "" : "off by "
                            + pct(Math.abs(change) - 0.20)) + (Math.abs(cpuChange) <= 0.20 ? "; CPU time met" : "; CPU time "
                            + "also missed"));
        }
    }

    // ------------------------------------------------------------------ figure 5

    private void figure5() throws Exception {
        System.out.println("figure 5: memory, 64 versions in a child JVM (" + loadAverage() + ")");
        Path stackFile = BenchStacks.openstack() != null ? BenchStacks.openstack() : BenchStacks.docker();
        String label = BenchStacks.openstack() != null ? "OpenStack sample" : "docker test stack";
        List<Map<String, String>> runs = new ArrayList<>();
        int repeats = quick ? 1 : 3;
        for (int i = 0; i < repeats; i++) {
            runs.add(child("256m", stackFile, 64, "fig5-" + i));
        }
        long[] peaks = runs.stream().mapToLong(m -> Long.parseLong(m.get("PEAK_USED"))).sorted().toArray();
        long[] live = runs.stream().mapToLong(m -> Long.parseLong(m.get("MAX_AFTER_GC"))).sorted().toArray();
        boolean allPassed = runs.stream().allMatch(m -> "0".equals(m.get("EXIT")) && "64".equals(m.get("RELEASES")));
        results.add("5", "**" + label + ", 64 versions, one ReleaseBuilder.build, child JVM -Xmx256m (" + runs.get(0)
                        .get("GC") + "): peak used heap**",
                "**" + mib(peaks[peaks.length / 2]) + " MiB** (" + mib(peaks[0]) + "–" + mib(peaks[peaks.length - 1])
                        + ", n=" + peaks.length + "); largest heap after a GC " + mib(live[live.length / 2])
                        + " MiB; " + runs.get(0).get("COLLECTIONS") + " GCs; sum of pool peaks " + mib(Long.parseLong(
                        runs.get(0).get("POOL_PEAK_SUM"))) + " MiB; " + runs.get(0).get("MILLIS") + " ms",
                "passes with -Xmx256m", verdict(allPassed, allPassed ? "exit 0, 64 release folders" : "failed: "
                        + runs));
        // headroom: the same run with smaller heaps
        for (String xmx : List.of("64m", "32m", "16m")) {
            Map<String, String> m = child(xmx, stackFile, 64, "fig5-" + xmx);
            boolean ok = "0".equals(m.get("EXIT")) && "64".equals(m.get("RELEASES"));
            results.add("5", "headroom: same run with -Xmx" + xmx, ok ? "passes, peak " + mib(Long.parseLong(
                    m.get("PEAK_USED"))) + " MiB, " + m.get("MILLIS") + " ms" : "fails (exit " + m.get("EXIT") + ")");
            if (!ok) {
                break;
            }
        }
    }

    private Map<String, String> child(String xmx, Path stackFile, int n, String name) throws Exception {
        Path dir = work.resolve(name);
        deleteTree(dir);
        Files.createDirectories(dir);
        Path gcLog = out.resolve("gc-" + name + ".log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
                MemoryHarness.class.getName(), stackFile.toAbsolutePath().toString(), Integer.toString(n),
                dir.resolve("out").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Z_]+")) {
                m.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        m.put("EXIT", Integer.toString(exit));
        System.out.println("  child -Xmx" + xmx + ": " + m + (exit == 0 ? "" : "\n" + output));
        deleteTree(dir);
        return m;
    }

    // ------------------------------------------------------------------ helpers

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + "/" + f[1] + "/" + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String fileSystem(Path p) {
        try {
            return Files.getFileStore(p).type();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1024.0);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }
}
