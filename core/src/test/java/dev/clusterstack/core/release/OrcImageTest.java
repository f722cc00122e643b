package dev.clusterstack.core.release;

import com.marcnuri.helm.Helm;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.render.ClusterClassChart;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.verify.ReleaseVerifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node image as an ORC {@code Image} per Kubernetes version: named literally as the stack's
 * patches select it, its download URL and optional sha256 per version, in the cluster-class chart
 * (rendered by real Helm) or as {@code image.yaml} of the release folder.
 */
class OrcImageTest {
    private static final String SHA = "8bfad5cb331480a7530952d8d6ff41155c28b2941f8be7a3f0318ebd1569cf83";

    /** Two versions: 1.31.9 with its own URL and no digest, 1.32.5 with the shared URL and a digest. */
    static String stack(String placement, String sha256) {
        return """
                provider: openstack
                name: scs
                kubernetesVersions:
                  - version: 1.31.9
                    image: {url: "https://mirror.example/special-1.31.qcow2"}
                  - version: 1.32.5
                    image: {sha256: %s}
                clusterClass:
                  infrastructure: {ref: cluster}
                  controlPlane: {ref: cp}
                templates:
                  - name: cluster
                    kind: OpenStackClusterTemplate
                  - name: cp
                    kind: KubeadmControlPlaneTemplate
                orcImage:
                  name: ubuntu-capi-image-[=kubernetes.tag]
                  placement: %s
                  url: "https://images.example/[=kubernetes.tag].qcow2"
                  spec:
                    cloudCredentialsRef: {cloudName: openstack, secretName: openstack}
                    managementPolicy: managed
                    resource:
                      content: {diskFormat: qcow2}
                """.formatted(sha256, placement);
    }

    /** The Image expected for a version, written out by hand; {@code hash} is the line under {@code url}, if any. */
    static String image(String version, String url, String hash) {
        return """
                apiVersion: openstack.k-orc.cloud/v1alpha1
                kind: Image
                metadata:
                  name: ubuntu-capi-image-v%s
                spec:
                  cloudCredentialsRef: {cloudName: openstack, secretName: openstack}
                  managementPolicy: managed
                  resource:
                    content:
                      diskFormat: qcow2
                      download:
                        url: %s
                %s""".formatted(version, url, hash);
    }

    static final String IMAGE_131 = image("1.31.9", "https://mirror.example/special-1.31.qcow2", "");
    static final String IMAGE_132 = image("1.32.5", "https://images.example/v1.32.5.qcow2",
            "        hash: {algorithm: sha256, value: 8bfad5cb331480a7530952d8d6ff41155c28b2941f8be7a3f0318ebd1569cf83}\n");

    @Tag("helm")
    @Test
    void inTheChartTheImageIsNamedAsPatchesSelectItAndCarriesItsVersionsDigest(@TempDir Path dir) throws IOException {
        ClusterStack stack = load(dir, stack("chart", SHA));
        List<String> expected = List.of(IMAGE_131, IMAGE_132);
        for (int i = 0; i < 2; i++) {
            KubernetesRelease release = stack.releases().get(i);
            Path chart = dir.resolve("chart-" + i);
            ClusterClassChart.write(stack, release, "v1", chart);
            String rendered = new Helm(chart).template().withName(stack.releaseName(release.kubernetesVersion()))
                    .withNamespace("ns").call();
            Map<String, Object> image = only(rendered, "Image");
            Map<String, Object> want = new Yaml().load(expected.get(i));
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) want.get("metadata");
            meta.put("namespace", "ns"); // an object of the chart lives in the release's namespace
            assertEquals(want, image, release.kubernetesVersion().toString());
        }
        List<ReleaseBuilder.ReleaseOutput> out = ReleaseBuilder.build(stack, ReleaseBuilder.Options.of(VersionMode.STABLE,
                dir.resolve("out")));
        assertFalse(out.get(1).files().contains("image.yaml"), "in the chart, not beside it");
        assertEquals("", out.get(1).hashes().nodeImageDir());
        // the verifier accepts the Image's own name (no release prefix) while it checks every other object's;
        // this small stack has no addons, so only the cluster-class archive is judged here
        try (HelmRunner helm = HelmRunner.create()) {
            for (ReleaseBuilder.ReleaseOutput r : out) {
                assertEquals(List.of(), new ReleaseVerifier(helm, null).verify(r.folder()).problems().stream()
                        .filter(Problem::isError).filter(p -> p.toString().contains("-cluster-class-")).toList(),
                        r.folderName());
            }
        }
    }

    @Test
    void asAFileTheImageIsBesideTheChartsAndVersionedAsTheNodeImage(@TempDir Path dir) throws IOException {
        ClusterStack stack = load(dir, stack("file", SHA));
        Path outDir = dir.resolve("out");
        List<ReleaseBuilder.ReleaseOutput> first = ReleaseBuilder.build(stack, ReleaseBuilder.Options.of(VersionMode.STABLE, outDir));
        List<String> expected = List.of(IMAGE_131, IMAGE_132);
        for (int i = 0; i < 2; i++) {
            ReleaseBuilder.ReleaseOutput r = first.get(i);
            assertEquals(List.of("clusteraddon.yaml", "hashes.json", "image.yaml", "metadata.yaml",
                    "openstack-scs-1-3" + (1 + i) + "-cluster-addon-v1.tgz", "openstack-scs-1-3" + (1 + i) + "-cluster-class-v1.tgz"),
                    r.files());
            String text = Files.readString(r.folder().resolve("image.yaml"));
            assertEquals((Object) new Yaml().load(expected.get(i)), new Yaml().load(text), r.folderName());
            assertFalse(text.contains("{{"), "a plain file, not a Helm template: " + text);
            assertFalse(r.hashes().nodeImageDir().isEmpty(), "hashed as the node image");
            String chart = new Helm(r.clusterClassArchive()).template().withName("openstack-scs-1-3" + (1 + i))
                    .withNamespace("ns").call();
            assertFalse(chart.contains("kind: Image"), chart);
        }
        // a new digest of the 1.32 image: a new node image version for 1.32, same addons, 1.31 unchanged
        ClusterStack changed = load(dir.resolve("changed"), stack("file", SHA.replace('8', '9')));
        List<ReleaseBuilder.ReleaseOutput> second = ReleaseBuilder.build(changed, ReleaseBuilder.Options.of(VersionMode.STABLE, outDir));
        assertEquals("v1/v1/v1", versions(second.get(0)), "1.31: content unchanged, versions kept");
        assertEquals("v2/v1/v2", versions(second.get(1)), "1.32: clusterStack/clusterAddon/nodeImage");
    }

    @Test
    void mistakesArePointedOutWhereTheyAre(@TempDir Path dir) throws IOException {
        String text = stack("disk", "sha256:" + SHA)
                .replace("name: ubuntu-capi-image-[=kubernetes.tag]", "name: Ubuntu_[=kubernetes.tag]")
                .replace("      content: {diskFormat: qcow2}", "      content: {diskFormat: qcow2, download: {url: x}}");
        Files.writeString(dir.resolve("stack.yaml"), text);
        List<String> printed = assertThrows(StackException.class, () -> StackDefinition.load(dir.resolve("stack.yaml"),
                "stack.yaml")).problems().stream().map(Problem::toString).toList();
        assertEquals(List.of("stack.yaml:7:13: error: kubernetesVersions[1].image.sha256: 'sha256:" + SHA + "' is not a"
                + " sha256 digest: 64 hexadecimal digits, without the 'sha256:' prefix (Kubernetes 1.32.5)"), printed,
                "the definition's own mistakes first; the rest once they are fixed");
        Files.writeString(dir.resolve("stack.yaml"), text.replace("sha256:" + SHA, SHA));
        printed = assertThrows(StackException.class, () -> StackDefinition.load(dir.resolve("stack.yaml"),
                "stack.yaml")).problems().stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "stack.yaml:17:3: error: orcImage.name: 'Ubuntu_v1.31.9' is not a valid object name: lower-case letters,"
                        + " digits, '-' and '.', at most 253 characters (Kubernetes' rule) (Kubernetes 1.31.9)",
                "stack.yaml:18:3: error: orcImage.placement: 'disk' is not one of chart, file",
                "stack.yaml:24:36: error: orcImage.spec.resource.content.download: the download is written from"
                        + " orcImage.url and each version's image (url, sha256): leave it out of the spec",
                "stack.yaml:17:3: error: orcImage.name: 'Ubuntu_v1.32.5' is not a valid object name: lower-case letters,"
                        + " digits, '-' and '.', at most 253 characters (Kubernetes' rule) (Kubernetes 1.32.5)"),
                printed);
    }

    @Test
    void aVersionWithoutAnyUrlAndADownloadWithoutAnImageAreErrors(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("stack.yaml"), stack("chart", SHA)
                .replace("  url: \"https://images.example/[=kubernetes.tag].qcow2\"\n", ""));
        assertEquals(List.of("stack.yaml:16:1: error: orcImage.url: no download URL for this Kubernetes version: set"
                        + " orcImage.url (for every version) or the version's image.url (Kubernetes 1.32.5)"),
                assertThrows(StackException.class, () -> StackDefinition.load(dir.resolve("stack.yaml"), "stack.yaml"))
                        .problems().stream().map(Problem::toString).toList());
        String text = stack("chart", SHA);
        Files.writeString(dir.resolve("stack.yaml"), text.substring(0, text.indexOf("orcImage:")));
        assertEquals(List.of("stack.yaml:5:5: error: kubernetesVersions[0].image: an image download needs an 'orcImage'"
                        + " section: the Image it belongs to (Kubernetes 1.31.9)",
                        "stack.yaml:7:5: error: kubernetesVersions[1].image: an image download needs an 'orcImage'"
                        + " section: the Image it belongs to (Kubernetes 1.32.5)"),
                assertThrows(StackException.class, () -> StackDefinition.load(dir.resolve("stack.yaml"), "stack.yaml"))
                        .problems().stream().map(Problem::toString).toList());
    }

    private static ClusterStack load(Path dir, String text) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stack.yaml"), text);
        return StackDefinition.load(dir.resolve("stack.yaml")).stack();
    }

    private static String versions(ReleaseBuilder.ReleaseOutput r) {
        return r.versions().clusterStack() + "/" + r.versions().clusterAddon() + "/" + r.versions().nodeImage();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(String rendered, String kind) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(rendered)) {
            if (doc instanceof Map<?, ?> m && kind.equals(m.get("kind"))) {
                found.add((Map<String, Object>) m);
            }
        }
        assertEquals(1, found.size(), rendered);
        return found.get(0);
    }
}
