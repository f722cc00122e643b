package dev.clusterstack.core.release;

import dev.clusterstack.core.helm.HelmException;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.testsupport.LoopbackOciRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Addon chart dependencies vendored from an OCI registry (a loopback distribution-spec server). */
@Tag("helm")
class OciDependencyTest {

    @Test
    void vendoredAddonDependenciesComeFromAnOciRegistryAndRenderAsTheOperatorRendersThem(@TempDir Path tmp) throws IOException {
        Path chart = ReleaseBuilderTest.helloChart(tmp.resolve("src/hello"));
        try (LoopbackOciRegistry registry = LoopbackOciRegistry.serve(tmp.resolve("registry"), "charts", List.of(chart));
             HelmRunner cached = HelmRunner.builder().chartCache(tmp.resolve("cache"))
                     .caCertificates(registry.caCertificate()).build()) {
            assertTrue(registry.url().startsWith("oci://127.0.0.1:"), registry.url());
            ReleaseBuilderTest.assertVendoredHello(registry.url(), registry, cached, tmp);
            assertTrue(registry.requests().contains("GET /v2/charts/hello/manifests/1.2.3")
                    && registry.requests().stream().anyMatch(r -> r.startsWith("GET /v2/charts/hello/blobs/sha256:")),
                    "pulled over the registry protocol: " + registry.requests());
        }
    }

    @Test
    void withoutTheRegistryCaHelmRefusesTheLoopbackRegistryAndNothingIsCached(@TempDir Path tmp) throws IOException {
        Path chart = tmp.resolve("src/hello");
        Files.createDirectories(chart);
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: hello\nversion: 1.2.3\n");
        try (LoopbackOciRegistry registry = LoopbackOciRegistry.serve(tmp.resolve("registry"), "charts", List.of(chart));
             HelmRunner untrusting = HelmRunner.builder().chartCache(tmp.resolve("cache")).build()) {
            Path addon = tmp.resolve("addon");
            Files.createDirectories(addon);
            Files.writeString(addon.resolve("Chart.yaml"), "apiVersion: v2\nname: addon\nversion: 0.1.0\n"
                    + "dependencies:\n- name: hello\n  version: 1.2.3\n  repository: " + registry.url() + "\n");
            HelmException e = assertThrows(HelmException.class, () -> untrusting.dependencyBuild(addon));
            assertTrue(e.getMessage().contains("https://" + registry.hostPort() + "/v2/charts/hello/manifests/1.2.3")
                    && e.getMessage().contains("certificate"), e.getMessage());
            assertFalse(Files.exists(addon.resolve("charts/hello-1.2.3.tgz")));
            assertFalse(Files.exists(tmp.resolve("cache")) && Files.list(tmp.resolve("cache")).findAny().isPresent());
        }
    }
}
