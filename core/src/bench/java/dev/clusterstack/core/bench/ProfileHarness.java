package dev.clusterstack.core.bench;

import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.ReproducibleArchive;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.render.AddonCharts;
import dev.clusterstack.core.render.ClusterClassChart;
import dev.clusterstack.core.validate.StackValidator;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one operation in a loop for a while, to profile it (e.g. with
 * {@code -XX:StartFlightRecording=filename=x.jfr}): {@code ProfileHarness <load|validate|render|build|archive>
 * <stack.yaml> <seconds> <work dir>}. A tool for finding where time goes, not a benchmark of its own.
 */
public final class ProfileHarness {

    private ProfileHarness() {
    }

    public static void main(String[] args) throws Exception {
        String what = args[0];
        Path file = Path.of(args[1]);
        long until = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        Path work = Path.of(args[3]);
        ClusterStack stack = BenchStacks.load(file);
        KubernetesRelease release = stack.releases().get(stack.releases().size() - 1);
        Path chart = work.resolve("chart");
        ClusterStackBench.deleteTree(work);
        ClusterClassChart.write(stack, release, "v1", chart);
        int n = 0;
        while (System.nanoTime() < until) {
            switch (what) {
                case "load" -> BenchStacks.load(file);
                case "validate" -> StackValidator.validate(stack);
                case "render" -> {
                    ClusterClassChart.render(stack, release, "v1");
                    AddonCharts.archiveFiles(stack, release, "v1");
                }
                case "build" -> {
                    Path out = work.resolve("out");
                    ClusterStackBench.deleteTree(out);
                    ReleaseBuilder.build(stack, ReleaseBuilder.Options.of(VersionMode.STABLE, out));
                }
                case "archive" -> ReproducibleArchive.writeTarGz(chart, "c", work.resolve("c.tgz"),
                        ReproducibleArchive.DEFAULT_MTIME);
                default -> throw new IllegalArgumentException(what);
            }
            n++;
        }
        System.out.println(what + ": " + n + " rounds");
        Files.deleteIfExists(work.resolve("c.tgz"));
    }
}
