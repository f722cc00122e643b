package dev.clusterstack.core.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline runners never reach a chart repository: a dependency not in the cache fails, naming it. */
@Tag("helm")
class HelmRunnerOfflineTest {

    /** A chart depending on a repository nothing answers at: had the runner gone online, Helm's message would differ. */
    private static Path chartWithRemoteDependency(Path dir) throws IOException {
        Path chart = HelmRunnerTest.chart(dir, "umbrella", "0.1.0", Map.of("values.yaml", "{}\n"));
        Files.writeString(chart.resolve("Chart.yaml"), Files.readString(chart.resolve("Chart.yaml"))
                + "dependencies:\n  - name: cilium\n    version: 1.16.6\n    repository: https://charts.invalid/\n");
        return chart;
    }

    @Test
    void offlineWithoutChartCacheFailsNamingTheDependency(@TempDir Path dir) throws IOException {
        Path chart = chartWithRemoteDependency(dir);
        try (HelmRunner helm = HelmRunner.builder().offline(true).build()) {
            HelmException e = assertThrows(HelmException.class, () -> helm.dependencyBuild(chart));
            assertTrue(e.getMessage().contains("offline"), e.getMessage());
            assertTrue(e.getMessage().contains("cilium 1.16.6 from https://charts.invalid/"), e.getMessage());
            assertTrue(e.getMessage().contains("no chart cache"), e.getMessage());
        }
        assertFalse(Files.exists(chart.resolve("charts")));
    }

    @Test
    void offlineWithAnEmptyChartCacheFailsNamingTheCache(@TempDir Path dir) throws IOException {
        Path chart = chartWithRemoteDependency(dir);
        Path cache = Files.createDirectories(dir.resolve("cache"));
        try (HelmRunner helm = HelmRunner.builder().offline(true).chartCache(cache).build()) {
            HelmException e = assertThrows(HelmException.class, () -> helm.dependencyBuild(chart));
            assertTrue(e.getMessage().contains("not all in the chart cache " + cache), e.getMessage());
        }
    }
}
