package dev.clusterstack.core.sample;

import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Docker sample stack against the SCS reference {@code providers/docker/scs/cluster-class}, both
 * rendered with Helm per version: every object of the reference (ClusterClass included) must be
 * equal to ours, field by field. The reference takes the kind node image from its values; the values
 * file written here gives it the image of the version, as its build would.
 */
@Tag("shared")
class DockerReferenceComparisonTest {

    @Test
    void everyObjectMatchesTheReference(@TempDir Path tmp) {
        Path reference = SampleStacks.reference("docker");
        ClusterStack stack = SampleStacks.inV1beta1(SampleStacks.loadWithoutFeatures(SampleStacks.DOCKER));
        List<String> differences = new ArrayList<>();
        for (KubernetesRelease release : stack.releases()) {
            String version = release.kubernetesVersion().toString();
            String releaseName = SampleStacks.releaseName(stack, release);
            String image = "registry.scs.community/docker.io/kindest/node:v" + version;
            Path values = SampleStacks.write(tmp.resolve(releaseName + "-values.yaml"),
                    "images:\n  controlPlane:\n    - name: " + image + "\n  worker:\n    - name: " + image + "\n");
            List<Map<String, Object>> theirs = SampleStacks.documents(
                    SampleStacks.template(reference.resolve("cluster-class"), releaseName, values));
            List<Map<String, Object>> ours = SampleStacks.documents(
                    SampleStacks.template(SampleStacks.writeChart(stack, release, tmp.resolve("ours")), releaseName, null));
            // Intended: the reference writes the imageRepository patch's enabledIf unescaped, so Helm
            // evaluates it when rendering the chart (".imageRepository" is no Helm value: "true") and
            // the patch is always on. Ours reaches Cluster API as written.
            Map<String, Object> patch = firstPatch(SampleStacks.object(theirs, "ClusterClass", null));
            assertEquals("true", patch.get("enabledIf"), version + ": the reference's rendered enabledIf");
            assertEquals("{{ ne .imageRepository \"\" }}", firstPatch(SampleStacks.object(ours, "ClusterClass", null))
                    .get("enabledIf"), version + ": our enabledIf");
            patch.put("enabledIf", "{{ ne .imageRepository \"\" }}");
            for (Map<String, Object> t : theirs) {
                String kind = (String) t.get("kind");
                String name = (String) Compare.at(t, "metadata", "name");
                Compare.diff(SampleStacks.object(ours, kind, name), t)
                        .forEach(d -> differences.add(version + " " + kind + " " + name + d));
            }
            assertEquals(theirs.size(), ours.size(), version + ": objects rendered, ours vs the reference's");
        }
        assertEquals(List.of(), differences, "differences to the reference:\n" + String.join("\n", differences));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstPatch(Map<String, Object> clusterClass) {
        Map<String, Object> patch = ((List<Map<String, Object>>) Compare.at(clusterClass, "spec", "patches")).get(0);
        assertEquals("imageRepository", patch.get("name"));
        return patch;
    }
}
