package dev.clusterstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build loads nothing heavy it does not need: no Helm (its native library) without vendoring, no
 * FreeMarker for a stack without interpolation or one that only inserts strings ({@code [=name.path]}),
 * no Jackson (its data binding and YAML format) to write charts and release files. Proven in a fresh
 * JVM that logs every class it loads.
 */
@Tag("jvm")
class LoadsOnlyWhatItNeedsTest {

    @Test
    void buildOfAStackWithoutInterpolationLoadsNeitherHelmNorFreeMarkerNorJackson(@TempDir Path stack) throws Exception {
        Files.createDirectories(stack.resolve("src/main/clusterstack"));
        Files.writeString(stack.resolve("src/main/clusterstack/stack.yaml"), ClusterStackCliTest.STACK);

        assertNeitherHelmNorFreeMarkerNorJackson(buildLoggingClasses(stack));
    }

    @Test
    void aStackThatOnlyInsertsStringsLoadsNeitherHelmNorFreeMarkerNorJackson(@TempDir Path stack) throws Exception {
        assertNeitherHelmNorFreeMarkerNorJackson(buildLoggingClasses(stackWithMotd(stack, "Kubernetes [=kubernetes.version]")));
    }

    private static void assertNeitherHelmNorFreeMarkerNorJackson(String classes) {
        assertTrue(classes.contains("dev.clusterstack.core.release.ReleaseBuilder "), "the build ran");
        assertFalse(classes.contains("freemarker."), "FreeMarker loaded");
        assertFalse(classes.contains("com.marcnuri.helm"), "Helm loaded");
        assertNoJackson(classes);
    }

    @Test
    void aStackWithAnExpressionLoadsFreeMarkerButNotHelm(@TempDir Path stack) throws Exception {
        String classes = buildLoggingClasses(stackWithMotd(stack, "Kubernetes [=kubernetes.version?upper_case]"));

        assertTrue(classes.contains("freemarker.template.Configuration "), "FreeMarker not loaded");
        assertFalse(classes.contains("com.marcnuri.helm"), "Helm loaded");
        assertNoJackson(classes);
    }

    private static Path stackWithMotd(Path stack, String motd) throws IOException {
        Files.createDirectories(stack.resolve("src/main/clusterstack"));
        Files.writeString(stack.resolve("src/main/clusterstack/stack.yaml"), ClusterStackCliTest.STACK
                .replace("    kind: KubeadmControlPlaneTemplate", "    kind: KubeadmControlPlaneTemplate\n    spec:\n"
                        + "      template:\n        spec:\n          kubeadmConfigSpec:\n            files:\n"
                        + "              - path: /etc/motd\n                content: \"" + motd + "\""));
        return stack;
    }

    private static void assertNoJackson(String classes) {
        assertFalse(classes.contains("com.fasterxml.jackson.databind."), "Jackson's data binding loaded");
        assertFalse(classes.contains("com.fasterxml.jackson.dataformat."), "Jackson's YAML format loaded");
    }

    private static String buildLoggingClasses(Path stack) throws IOException, InterruptedException {
        Path log = stack.resolve("classes.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xlog:class+load=info:file=" + log, "-cp",
                System.getProperty("java.class.path"), ClusterStackCli.class.getName(), "build", stack.toString(), "-q"))
                .redirectErrorStream(true).redirectOutput(stack.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the build did not end");
        assertEquals(0, p.exitValue(), Files.readString(stack.resolve("out.txt")));
        return Files.readString(log);
    }
}
