package dev.clusterstack.core.sample;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.model.infra.OrcImage;
import dev.clusterstack.core.problem.StackException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import org.junit.jupiter.api.Tag;

/** Both sample stacks load cleanly, and every version's cluster-class chart passes Helm's strict lint and renders. */
@Tag("helm")
class SampleStackChartsTest {

    static Stream<Arguments> definitions() {
        return Stream.of(
                Arguments.of(SampleStacks.OPENSTACK, List.of("1.30.13 v1beta1", "1.31.9 v1beta1", "1.32.5 v1beta1",
                        "1.33.1 v1beta2", "1.34.7 v1beta2")),
                Arguments.of(SampleStacks.DOCKER, List.of("1.30.13 v1beta1", "1.31.9 v1beta1", "1.32.5 v1beta1",
                        "1.33.1 v1beta2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void loadsWithoutErrorsOrWarnings(Path definition, List<String> versions) {
        StackDefinition.Loaded loaded;
        try {
            loaded = StackDefinition.load(definition);
        } catch (StackException e) {
            fail("loading " + definition + " failed:\n" + e.getMessage());
            return;
        }
        assertEquals(List.of(), loaded.warnings(), "warnings of " + definition);
        assertEquals(versions, loaded.stack().releases().stream().map(r -> r.kubernetesVersion() + " " + r.clusterApi().id())
                .toList(), "Kubernetes versions and the Cluster API version each is written in");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void everyChartLintsStrictAndRenders(Path definition, List<String> versions, @TempDir Path tmp) {
        ClusterStack stack = SampleStacks.load(definition);
        List<String> problems = new ArrayList<>();
        for (KubernetesRelease release : stack.releases()) {
            String releaseName = SampleStacks.releaseName(stack, release);
            Path chart = SampleStacks.writeChart(stack, release, tmp);
            LintResult lint = new Helm(chart).lint().strict().call();
            if (lint.isFailed()) {
                problems.add(releaseName + ": helm lint --strict: " + lint.getMessages());
                continue;
            }
            List<Map<String, Object>> docs = SampleStacks.documents(SampleStacks.template(chart, releaseName, null));
            String prefix = releaseName + "-" + SampleStacks.CHART_VERSION;
            // the ClusterClass, named as the operator expects, and one object per template
            SampleStacks.object(docs, "ClusterClass", prefix);
            for (Template t : release.content().templates()) {
                SampleStacks.object(docs, t.kind(), prefix + "-" + t.name());
            }
            // and the ORC node image where the chart carries it, named as the patches select it
            OrcImage image = release.content().orcImage();
            boolean inChart = image != null && OrcImage.CHART.equals(image.placement());
            if (inChart) {
                SampleStacks.object(docs, OrcImage.KIND, image.name());
            }
            assertEquals(1 + release.content().templates().size() + (inChart ? 1 : 0), docs.size(),
                    releaseName + ": objects rendered");
            // every reference of the ClusterClass resolves to a rendered object
            Set<String> rendered = new HashSet<>();
            for (Map<String, Object> d : docs) {
                rendered.add(d.get("apiVersion") + "/" + d.get("kind") + "/" + Compare.at(d, "metadata", "name"));
            }
            for (Map<String, Object> ref : Compare.references(SampleStacks.object(docs, "ClusterClass", prefix))) {
                String key = ref.get("apiVersion") + "/" + ref.get("kind") + "/" + ref.get("name");
                assertTrue(rendered.contains(key), releaseName + ": ClusterClass reference " + key + " not rendered");
                assertEquals(SampleStacks.NAMESPACE, ref.get("namespace"), releaseName + ": namespace of " + key);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertFalse(stack.releases().isEmpty());
    }
}
