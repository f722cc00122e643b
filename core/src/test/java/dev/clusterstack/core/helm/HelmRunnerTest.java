package dev.clusterstack.core.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clusterstack.core.testsupport.LoopbackChartRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("helm")
class HelmRunnerTest {

    private static HelmRunner helm;

    @BeforeAll
    static void start() {
        helm = HelmRunner.create();
    }

    @AfterAll
    static void stop() {
        helm.close();
    }

    static Path chart(Path dir, String name, String version, Map<String, String> files) throws IOException {
        Path chart = Files.createDirectories(dir.resolve(name));
        Files.writeString(chart.resolve("Chart.yaml"),
                "apiVersion: v2\nname: " + name + "\nversion: " + version + "\ndescription: test chart\n"
                        + "icon: https://example.org/icon.png\n");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = chart.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        return chart;
    }

    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
            + "  name: {{ .Release.Name }}-{{ .Chart.Version }}\n  namespace: {{ .Release.Namespace }}\n"
            + "data:\n  greeting: {{ .Values.greeting | quote }}\n";

    @Test
    void lintStrictPassesOnAGoodChart(@TempDir Path dir) throws IOException {
        Path chart = chart(dir, "good", "0.1.0",
                Map.of("values.yaml", "greeting: hello\n", "templates/cm.yaml", CONFIG_MAP));

        LintResult result = helm.lint(chart, true);

        assertFalse(result.failed(), () -> String.join("\n", result.messages()));
    }

    @Test
    void aPrestartedRunnerRunsCommandsAndAClosedOneIgnoresPrestart(@TempDir Path dir) throws IOException {
        Path chart = chart(dir, "early", "0.1.0",
                Map.of("values.yaml", "greeting: hello\n", "templates/cm.yaml", CONFIG_MAP));
        HelmRunner early = HelmRunner.create();
        try {
            early.prestart().prestart();

            LintResult result = early.lint(chart, true);

            assertFalse(result.failed(), () -> String.join("\n", result.messages()));
        } finally {
            early.close();
        }
        early.prestart();
        assertThrows(IllegalStateException.class, () -> early.lint(chart, true));
    }

    @Test
    void lintStrictFailsOnATemplateThatIsNoValidYaml(@TempDir Path dir) throws IOException {
        Path chart = chart(dir, "bad", "0.1.0", Map.of("values.yaml", "greeting: hello\n",
                "templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [unclosed\n"));

        LintResult result = helm.lint(chart, true);

        assertTrue(result.failed());
        assertTrue(result.messages().stream().anyMatch(m -> m.contains("[ERROR]") && m.contains("cm.yaml")),
                () -> String.join("\n", result.messages()));
    }

    @Test
    void lintFailsOnAChartWithoutVersion(@TempDir Path dir) throws IOException {
        Path chart = Files.createDirectories(dir.resolve("noversion"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: noversion\n");
        Files.createDirectories(chart.resolve("templates"));

        LintResult result = helm.lint(chart, false);

        assertTrue(result.failed());
        assertTrue(result.messages().stream().anyMatch(m -> m.contains("version")), () -> result.messages().toString());
    }

    @Test
    void lintOnSomethingThatIsNoChartThrowsHelmExceptionNamingThePath(@TempDir Path dir) {
        HelmException e = assertThrows(HelmException.class, () -> helm.lint(dir.resolve("missing"), true));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void templateRendersReleaseNameNamespaceAndValuesFile(@TempDir Path dir) throws IOException {
        Path chart = chart(dir, "cc", "v3", Map.of("values.yaml", "greeting: hello\n", "templates/cm.yaml", CONFIG_MAP,
                "templates/empty.yaml", "{{- if false }}\nkind: Nothing\n{{- end }}\n"));
        Path values = Files.writeString(dir.resolve("values.yaml"), "greeting: from-file\n");

        String out = helm.template(chart, "docker-scs-1-30", "cluster", values, "v1.30.10");
        List<RenderedObject> objects = HelmRunner.parseRenderedObjects(out);

        assertEquals(1, objects.size(), out);
        assertEquals("cc/templates/cm.yaml", objects.get(0).source());
        Map<String, Object> cm = objects.get(0).object();
        assertEquals(Map.of("name", "docker-scs-1-30-v3", "namespace", "cluster"), cm.get("metadata"));
        assertEquals(Map.of("greeting", "from-file"), cm.get("data"));
    }

    @Test
    void templateOfAPackagedChart(@TempDir Path dir) throws IOException {
        Path chart = chart(dir, "packed", "1.2.3",
                Map.of("values.yaml", "greeting: hi\n", "templates/cm.yaml", CONFIG_MAP));
        Path tgz = helm.packageChart(chart, dir.resolve("out"));

        List<Map<String, Object>> objects = HelmRunner.parseManifests(helm.template(tgz, "r", "ns", null, null));

        assertEquals("r-1.2.3", ((Map<?, ?>) objects.get(0).get("metadata")).get("name"));
    }

    @Test
    void templateIncludesCrdsOfChartAndSubchartsOnlyWhenAsked(@TempDir Path dir) throws IOException {
        String crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: %s\n";
        Path sub = chart(dir.resolve("src"), "sub", "0.1.0", Map.of("crds/b.yaml", crd.formatted("bs.example.org"),
                "templates/cm.yaml", CONFIG_MAP.replace(".Values.greeting", "\"sub\"")));
        Path parent = chart(dir, "parent", "1.0.0", Map.of("crds/a.yaml", crd.formatted("as.example.org"),
                "crds/README.md", "not a manifest", "templates/cm.yaml", CONFIG_MAP.replace(".Values.greeting", "\"p\"")));
        helm.packageChart(sub, parent.resolve("charts"));
        Path tgz = helm.packageChart(parent, dir.resolve("out"));

        for (Path chart : List.of(parent, tgz)) {
            List<RenderedObject> without = HelmRunner.parseRenderedObjects(helm.template(chart, "r", "ns", null, null));
            List<RenderedObject> with = HelmRunner.parseRenderedObjects(
                    helm.template(chart, "r", "ns", null, null, true));

            assertEquals(List.of("ConfigMap", "ConfigMap"), without.stream().map(o -> o.object().get("kind")).toList());
            assertEquals(List.of("parent/crds/a.yaml", "parent/charts/sub/crds/b.yaml"),
                    with.subList(0, 2).stream().map(RenderedObject::source).toList(), chart.toString());
            assertEquals(without, with.subList(2, with.size()));
        }
    }

    @Test
    void templateFailureCarriesHelmsMessageAndTheChart(@TempDir Path dir) throws IOException {
        Path chart = chart(dir, "failing", "0.1.0",
                Map.of("templates/cm.yaml", "{{ required \"greeting is required\" .Values.greeting }}\n"));

        HelmException e = assertThrows(HelmException.class, () -> helm.template(chart, "r", "ns", null, null));

        assertTrue(e.helmMessage().contains("greeting is required"), e.getMessage());
        assertEquals(chart, e.chart());
    }

    @Test
    void lookupAnswersEmptyFromTheLoopbackApiServer(@TempDir Path dir) throws IOException {
        Path chart = chart(dir, "lookup", "0.1.0", Map.of("templates/cm.yaml",
                "{{- $ns := lookup \"v1\" \"Namespace\" \"\" \"kube-system\" }}\n"
                        + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lookup\n"
                        + "data:\n  found: {{ if $ns }}\"yes\"{{ else }}\"no\"{{ end }}\n"
                        + "  size: {{ len $ns | quote }}\n"));
        int before = helm.loopbackApiRequestCount();

        List<Map<String, Object>> objects = HelmRunner.parseManifests(helm.template(chart, "r", "ns", null, null));

        assertEquals(Map.of("found", "no", "size", "0"), objects.get(0).get("data"));
        assertTrue(helm.loopbackApiRequestCount() > before, "lookup went to the loopback stand-in API server");
    }

    @Test
    void parseManifestsSplitsDocumentsSkipsEmptyOnesAndKeepsSources() {
        String out = "---\n# Source: a/templates/x.yaml\napiVersion: v1\nkind: A\n---\n# Source: a/templates/e.yaml\n"
                + "---\n---\napiVersion: v1\nkind: B\nmetadata:\n  name: '---'\n";

        List<RenderedObject> objects = HelmRunner.parseRenderedObjects(out);

        assertEquals(2, objects.size());
        assertEquals("a/templates/x.yaml", objects.get(0).source());
        assertEquals("A", objects.get(0).object().get("kind"));
        assertNull(objects.get(1).source());
        assertEquals(Map.of("name", "---"), objects.get(1).object().get("metadata"));
    }

    @Test
    void dependencyBuildFromLocalFolder(@TempDir Path dir) throws IOException {
        chart(dir, "child", "0.2.0", Map.of("templates/cm.yaml", CONFIG_MAP.replace(".Values.greeting", "\"child\"")));
        Path parent = chart(dir, "parent", "1.0.0", Map.of());
        Files.writeString(parent.resolve("Chart.yaml"), "dependencies:\n- name: child\n  version: 0.2.0\n"
                + "  repository: file://../child\n", java.nio.file.StandardOpenOption.APPEND);

        helm.dependencyBuild(parent);

        assertTrue(Files.isRegularFile(parent.resolve("charts/child-0.2.0.tgz")));
        List<Map<String, Object>> objects = HelmRunner.parseManifests(helm.template(parent, "p", "ns", null, null));
        assertEquals(Map.of("greeting", "child"), objects.get(0).get("data"));
    }

    @Test
    void dependencyBuildFromLoopbackRepositoryThenOfflineFromTheChartCache(@TempDir Path dir) throws IOException {
        Path addon = chart(dir.resolve("src"), "addon", "1.4.0",
                Map.of("values.yaml", "greeting: addon\n", "templates/cm.yaml", CONFIG_MAP));
        Path cache = dir.resolve("cache");
        try (LoopbackChartRepository repo = LoopbackChartRepository.serve(dir.resolve("repo"), addon);
                  HelmRunner cached = HelmRunner.builder().chartCache(cache).helmHome(dir.resolve("helm-home")).build()) {
            String dependency = "dependencies:\n- name: addon\n  version: 1.4.0\n  repository: " + repo.url() + "\n";
            Path first = chart(dir.resolve("a"), "umbrella", "1.0.0", Map.of());
            Files.writeString(first.resolve("Chart.yaml"), dependency, java.nio.file.StandardOpenOption.APPEND);

            cached.dependencyBuild(first);

            assertTrue(Files.isRegularFile(first.resolve("charts/addon-1.4.0.tgz")));
            assertTrue(Files.isRegularFile(first.resolve("Chart.lock")));
            assertTrue(repo.requests().contains("GET /addon-1.4.0.tgz"), repo.requests().toString());
            Map<String, Object> cm = HelmRunner.parseManifests(cached.template(first, "u", "ns", null, null)).get(0);
            assertEquals(Map.of("greeting", "addon"), cm.get("data"));

            int requestsAfterFirstBuild = repo.requestCount();
            Path second = chart(dir.resolve("b"), "umbrella", "1.0.0", Map.of());
            Files.writeString(second.resolve("Chart.yaml"), dependency, java.nio.file.StandardOpenOption.APPEND);
            Files.copy(first.resolve("Chart.lock"), second.resolve("Chart.lock"));

            cached.dependencyBuild(second);

            assertEquals(requestsAfterFirstBuild, repo.requestCount(), "second build is served from the chart cache");
            assertTrue(Files.isRegularFile(second.resolve("charts/addon-1.4.0.tgz")));
            assertEquals(cm, HelmRunner.parseManifests(cached.template(second, "u", "ns", null, null)).get(0));
        }
    }

    @Test
    void dependencyUpdateFromLoopbackRepositoryWithoutCache(@TempDir Path dir) throws IOException {
        Path addon = chart(dir.resolve("src"), "addon", "2.0.0",
                Map.of("values.yaml", "greeting: two\n", "templates/cm.yaml", CONFIG_MAP));
        try (LoopbackChartRepository repo = LoopbackChartRepository.serve(dir.resolve("repo"), addon)) {
            Path umbrella = chart(dir, "umbrella", "1.0.0", Map.of());
            Files.writeString(umbrella.resolve("Chart.yaml"), "dependencies:\n- name: addon\n  version: ^2.0.0\n"
                    + "  repository: " + repo.url() + "\n", java.nio.file.StandardOpenOption.APPEND);

            helm.dependencyUpdate(umbrella);

            assertTrue(Files.readString(umbrella.resolve("Chart.lock")).contains("version: 2.0.0"));
            assertTrue(Files.isRegularFile(umbrella.resolve("charts/addon-2.0.0.tgz")));
        }
    }

    @Test
    void dependencyBuildOfAnUnknownChartFailsWithHelmsMessage(@TempDir Path dir) throws IOException {
        Path addon = chart(dir.resolve("src"), "addon", "1.0.0", Map.of("templates/cm.yaml", CONFIG_MAP));
        try (LoopbackChartRepository repo = LoopbackChartRepository.serve(dir.resolve("repo"), addon)) {
            Path umbrella = chart(dir, "umbrella", "1.0.0", Map.of());
            Files.writeString(umbrella.resolve("Chart.yaml"), "dependencies:\n- name: nosuchchart\n  version: 1.0.0\n"
                    + "  repository: " + repo.url() + "\n", java.nio.file.StandardOpenOption.APPEND);

            HelmException e = assertThrows(HelmException.class, () -> helm.dependencyBuild(umbrella));

            assertTrue(e.getMessage().contains("nosuchchart"), e.getMessage());
        }
    }

    @Test
    void dependencyBuildFromAnUnreachableRepositoryNamesTheHostAndTheChart(@TempDir Path dir) throws IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String repository = "http://127.0.0.1:" + port + "/charts";
        Path umbrella = chart(dir, "ingress", "1.0.0", Map.of());
        Files.writeString(umbrella.resolve("Chart.yaml"), "dependencies:\n- name: ingress-nginx\n  version: 4.12.0\n"
                + "  repository: " + repository + "\n", java.nio.file.StandardOpenOption.APPEND);

        HelmException e = assertThrows(HelmException.class, () -> helm.dependencyBuild(umbrella));

        assertTrue(e.helmMessage().startsWith("cannot reach 127.0.0.1:" + port + " ("), e.getMessage());
        assertTrue(e.helmMessage().contains("needed by chart 'ingress' for ingress-nginx 4.12.0 (repository " + repository
                + ")"), e.getMessage());
        assertFalse(e.helmMessage().contains("clusterstack-"), "the generated repository name is replaced: " + e.getMessage());
    }

    @Test
    void templatesRunInParallelGiveTheSameObjectsAsOneByOne(@TempDir Path dir) throws Exception {
        List<Path> charts = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            charts.add(chart(dir, "chart" + i, "0." + i + ".0",
                    Map.of("values.yaml", "greeting: hello-" + i + "\n", "templates/cm.yaml", CONFIG_MAP)));
        }
        List<java.util.concurrent.CompletableFuture<String>> rendered = charts.stream()
                .map(c -> java.util.concurrent.CompletableFuture.supplyAsync(() -> helm.template(c, "r", "ns", null, null)))
                .toList();
        for (int i = 0; i < charts.size(); i++) {
            Map<String, Object> cm = HelmRunner.parseManifests(rendered.get(i).get()).get(0);
            assertEquals(Map.of("name", "r-0." + i + ".0", "namespace", "ns"), cm.get("metadata"));
            assertEquals(Map.of("greeting", "hello-" + i), cm.get("data"));
        }
    }
}
