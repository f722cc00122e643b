package dev.clusterstack.core.release;

import dev.clusterstack.core.helm.HelmException;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.addon.ChartDependency;
import dev.clusterstack.core.testsupport.LoopbackOciRegistry;
import dev.clusterstack.core.verify.ReleaseVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import static dev.clusterstack.core.release.ReleaseBuilderTest.digests;
import static dev.clusterstack.core.release.ReleaseBuilderTest.docker;
import static dev.clusterstack.core.release.ReleaseBuilderTest.mapContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Addon chart dependencies vendored from an OCI registry (a loopback distribution-spec server). */
class OciDependencyTest {

    @Test
    void vendoredAddonDependenciesComeFromAnOciRegistryAndRenderAsTheOperatorRendersThem(@TempDir Path tmp) throws IOException {
        Path chart = tmp.resolve("src/hello");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: hello\nversion: 1.2.3\n");
        Files.writeString(chart.resolve("values.yaml"), "greeting: hi\n");
        Files.writeString(chart.resolve("templates/cm.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hello\ndata:\n  greeting: {{ .Values.greeting | quote }}\n");
        try (LoopbackOciRegistry registry = LoopbackOciRegistry.serve(tmp.resolve("registry"), "charts", List.of(chart));
             HelmRunner cached = HelmRunner.builder().chartCache(tmp.resolve("cache"))
                     .caCertificates(registry.caCertificate()).build()) {
            assertTrue(registry.url().startsWith("oci://127.0.0.1:"), registry.url());
            ClusterStack stack = mapContent(docker(), c -> c.withAddons(List.of(
                    Addon.of("hello", ChartDependency.of("hello", "1.2.3", registry.url()), Map.of("hello", Map.of("greeting", "moin"))))));
            List<ReleaseBuilder.ReleaseOutput> releases = ReleaseBuilder.build(stack,
                    new ReleaseBuilder.Options(VersionMode.STABLE, null, tmp.resolve("out"), null, null, true, cached));
            assertTrue(registry.requests().contains("GET /v2/charts/hello/manifests/1.2.3")
                    && registry.requests().stream().anyMatch(r -> r.startsWith("GET /v2/charts/hello/blobs/sha256:")),
                    "pulled over the registry protocol: " + registry.requests());
            Map<String, String> addon = ReleaseVerifier.readTarGz(releases.get(0).clusterAddonArchive());
            assertEquals(List.of("hello/Chart.yaml", "hello/charts/hello-1.2.3.tgz", "hello/values.yaml"),
                    List.copyOf(addon.keySet()), "no Chart.lock: it would carry the time of resolution");

            ReleaseVerifier.Report report = new ReleaseVerifier(cached, null).verify(releases.get(0).folder());
            assertEquals(List.of(), report.problems());
            Path unpacked = tmp.resolve("unpacked");
            ReleaseVerifier.unpack(releases.get(0).clusterAddonArchive(), unpacked);
            String rendered = cached.template(unpacked.resolve("hello"), "cluster-addon", "kube-system", null, "v1.31.9");
            assertTrue(rendered.contains("greeting: \"moin\""), rendered);

            int requests = registry.requestCount();
            Map<String, String> before = digests(releases, tmp.resolve("out"));
            List<ReleaseBuilder.ReleaseOutput> again = ReleaseBuilder.build(stack,
                    new ReleaseBuilder.Options(VersionMode.STABLE, null, tmp.resolve("out"), null, null, true, cached));
            assertEquals(requests, registry.requestCount(), "the second build resolves from the chart cache");
            assertEquals(before, digests(again, tmp.resolve("out")));
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
