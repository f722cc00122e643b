package dev.clusterstack.core.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusterstack.core.feature.Features;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.ClusterApiVersion;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.plan.ClassSource;
import dev.clusterstack.core.plan.ClusterFile;
import dev.clusterstack.core.plan.Plan;
import dev.clusterstack.core.plan.PlanEquivalence;
import dev.clusterstack.core.plan.PlanWriter;
import dev.clusterstack.core.testsupport.SharedFolder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Same behaviour both ways: every release of the sample stacks, whatever version the sample writes it in, is built
 * once as Cluster API v1beta1 and once as v1beta2 (the release's {@code clusterApi} overridden on the loaded
 * definition), and the sample's test clusters, which switch every feature on and off, are planned against both
 * ({@link PlanEquivalence}: the v1beta2 objects converted to v1beta1 with Cluster API's own field mapping), with the CRD
 * defaults and checks of Cluster API v1.14 and CAPO v0.14 ({@code ../shared/crds}; skipped without them). There must be
 * no difference but those listed in {@link #EXPECTED}, each with its reason, and every listed one must occur.
 *
 * <p>Coverage: in both renderings of every release, every patch of the class (each feature's among them) is enabled by
 * some test cluster, each patch of the v1beta1 class for the same templates in both renderings, and the two samples
 * together switch on every feature of the project.
 */
@Tag("helm")
@Tag("shared")
class SampleV1beta2EquivalenceTest {
    /** A difference that is Cluster API's and not the writer's: cluster, role and JSON pointer (regular expressions) and why. */
    record Expected(String cluster, String role, String path, String reason) {
        boolean matches(PlanEquivalence.Difference d) {
            return Pattern.matches(cluster, d.cluster()) && Pattern.matches(role, d.role()) && Pattern.matches(path, d.path());
        }
    }

    /** The differences that are Cluster API's own, each with its reason. */
    static final List<Expected> EXPECTED = List.of(
            new Expected(".*", "control-plane", "/spec/rolloutStrategy", "a v1beta1-only CRD default: the v1beta1 schema of"
                    + " KubeadmControlPlaneTemplate (Cluster API v1.14 CRD) defaults rolloutStrategy to {type: RollingUpdate,"
                    + " rollingUpdate: {maxSurge: 1}}, so the v1beta1 rendering's KubeadmControlPlane gets it; the v1beta2"
                    + " schema gives rollout.strategy no default (its only type is RollingUpdate), so the v1beta2 rendering's"
                    + " has none. The sample sets no rollout strategy in either; the plan applies CRD defaults of the"
                    + " templates, not of the KubeadmControlPlane CRD, which is not among the test CRDs"));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everySampleReleasePlansTheSameAsV1beta1AndAsV1beta2(@TempDir Path tmp) {
        SampleClusters.CRDS.forEach(SharedFolder::sharedOrSkip);
        SampleClusters samples = SampleClusters.get();
        assertTrue(samples.withCrds(), "the CRDs exist but the plans are made without them");
        List<String> unexpected = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> coverage = new ArrayList<>();
        Set<Expected> seen = new LinkedHashSet<>();
        Set<String> features = new TreeSet<>();
        List<String> compared = new ArrayList<>();
        int plans = 0;
        try (HelmRunner helm = HelmRunner.create()) {
            for (Path definition : List.of(SampleStacks.OPENSTACK, SampleStacks.DOCKER)) {
                ClusterStack stack = SampleStacks.load(definition);
                ClusterStack withoutFeatures = SampleStacks.loadWithoutFeatures(definition);
                for (KubernetesRelease release : stack.releases()) {
                    String releaseName = stack.releaseName(release.kubernetesVersion());
                    ClassSource v1 = ClassSource.fromModel(stack, release.withClusterApi(ClusterApiVersion.V1BETA1),
                            SampleStacks.CHART_VERSION, tmp.resolve("v1beta1"), helm);
                    ClassSource v2 = ClassSource.fromModel(stack, release.withClusterApi(ClusterApiVersion.V1BETA2),
                            SampleStacks.CHART_VERSION, tmp.resolve("v1beta2"), helm);
                    String tag = release.kubernetesVersion().tag();
                    List<ClusterFile> a = new ArrayList<>();
                    List<ClusterFile> b = new ArrayList<>();
                    samples.clusters.values().stream().filter(c -> c.plannedAgainst(releaseName, v1.classNames().get(0)))
                            .forEach(c -> {
                                a.add(c.forRelease(v1.classNames().get(0), tag));
                                b.add(c.forRelease(v2.classNames().get(0), tag));
                            });
                    assertTrue(a.size() >= 6, releaseName + ": test clusters " + a.size());
                    PlanEquivalence.Report report = PlanEquivalence.compare(v1, a, v2, b, samples.options);
                    for (PlanEquivalence.Difference d : report.differences()) {
                        Expected e = EXPECTED.stream().filter(x -> x.matches(d)).findFirst().orElse(null);
                        if (e == null) {
                            unexpected.add(releaseName + ": " + d);
                        } else {
                            seen.add(e);
                        }
                    }
                    report.notes().forEach(n -> notes.add(releaseName + ": " + n));
                    for (Plan p : report.v1beta2()) {
                        assertEquals("controlplane.cluster.x-k8s.io/v1beta2", p.valueAt("control-plane", "/apiVersion"), p.clusterFile());
                    }
                    coverage.addAll(coverage(releaseName, v1, withoutFeatures, release, report, helm, tmp));
                    compared.add(releaseName + (release.clusterApi() == ClusterApiVersion.V1BETA2 ? " (v1beta2)" : ""));
                    plans += 2 * a.size();
                }
                features.addAll(featureIds(definition));
            }
        }
        System.out.printf("v1beta1/v1beta2 equivalence: %d releases, %d plans compared: %s%n", compared.size(), plans, compared);
        assertEquals(List.of(), unexpected, "differences between the v1beta1 and the v1beta2 rendering");
        assertEquals(List.of(), EXPECTED.stream().filter(e -> !seen.contains(e)).toList(), "listed differences no cluster shows");
        assertEquals(List.of(), notes, "v1beta1 fields Cluster API drops when storing");
        assertEquals(List.of(), coverage, "patches not enabled alike in both renderings");
        assertEquals(new TreeSet<>(Features.ids()), features, "the features the samples switch on");
        assertEquals(List.of("openstack-scs-1-30", "openstack-scs-1-31", "openstack-scs-1-32", "openstack-scs-1-33 (v1beta2)",
                "openstack-scs-1-34 (v1beta2)", "docker-scs-1-30", "docker-scs-1-31", "docker-scs-1-32",
                "docker-scs-1-33 (v1beta2)"), compared);
    }

    /**
     * What is wrong with the patch coverage of one release: a patch of either rendering no cluster enables, a patch of
     * the v1beta1 class enabled for other templates in the v1beta2 rendering, a feature patch (one the definition
     * without its {@code features:} does not have) that no cluster enables in either rendering.
     */
    private static List<String> coverage(String releaseName, ClassSource v1, ClusterStack withoutFeatures,
                                         KubernetesRelease release, PlanEquivalence.Report report, HelmRunner helm, Path tmp) {
        List<String> out = new ArrayList<>();
        PlanWriter.uncoveredPatches(report.v1beta1()).forEach(p -> out.add(releaseName + " v1beta1: " + p + " enabled by no cluster"));
        PlanWriter.uncoveredPatches(report.v1beta2()).forEach(p -> out.add(releaseName + " v1beta2: " + p + " enabled by no cluster"));
        for (int i = 0; i < report.v1beta1().size(); i++) {
            Map<String, List<String>> x = report.v1beta1().get(i).patchCoverage();
            Map<String, List<String>> y = report.v1beta2().get(i).patchCoverage();
            String cluster = report.v1beta1().get(i).clusterFile();
            x.forEach((patch, roles) -> {
                if (!roles.equals(y.get(patch))) {
                    out.add(releaseName + " " + cluster + ": patch " + patch + " enabled for " + roles + " in v1beta1, "
                            + y.get(patch) + " in v1beta2");
                }
            });
        }
        KubernetesRelease plain = withoutFeatures.releases().stream()
                .filter(r -> r.kubernetesVersion().equals(release.kubernetesVersion())).findFirst().orElseThrow();
        List<String> own = patchNames(ClassSource.fromModel(withoutFeatures, plain.withClusterApi(ClusterApiVersion.V1BETA1),
                SampleStacks.CHART_VERSION, tmp.resolve("plain"), helm));
        List<String> featurePatches = patchNames(v1).stream().filter(p -> !own.contains(p)).toList();
        assertFalse(featurePatches.isEmpty(), releaseName + ": the features add patches");
        Map<String, List<Plan>> renderings = new LinkedHashMap<>();
        renderings.put("v1beta1", report.v1beta1());
        renderings.put("v1beta2", report.v1beta2());
        renderings.forEach((version, plans) -> {
            Set<String> enabled = new LinkedHashSet<>();
            plans.forEach(p -> p.patchCoverage().forEach((patch, roles) -> {
                if (!roles.isEmpty()) {
                    enabled.add(patch);
                }
            }));
            featurePatches.stream().filter(p -> !enabled.contains(p))
                    .forEach(p -> out.add(releaseName + " " + version + ": feature patch " + p + " enabled by no cluster"));
        });
        return out;
    }

    /** The names of the ClusterClass's patches, in order. */
    static List<String> patchNames(ClassSource classes) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> o : classes.objects()) {
            if ("ClusterClass".equals(o.get("kind"))) {
                JSON.valueToTree(o).path("spec").path("patches").forEach(p -> out.add(p.path("name").asText()));
            }
        }
        return out;
    }

    /** The ids under {@code features:} of a stack definition. */
    static Set<String> featureIds(Path definition) {
        Set<String> out = new TreeSet<>();
        try {
            JsonNode tree = JSON.valueToTree(SampleStacks.documents(java.nio.file.Files.readString(definition)).get(0));
            tree.path("features").fieldNames().forEachRemaining(out::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertFalse(out.isEmpty(), definition + " switches on features");
        return out;
    }
}
