package dev.clusterstack.core.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusterstack.core.capi.ApiConversion;
import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.plan.ClassSource;
import dev.clusterstack.core.plan.ClusterFile;
import dev.clusterstack.core.plan.Plan;
import dev.clusterstack.core.plan.PlanOptions;
import dev.clusterstack.core.plan.Planner;
import dev.clusterstack.core.testsupport.SharedFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The sample stacks' test clusters ({@code sample-stack/src/test/clusterstack/clusters}) planned against every
 * release of the samples (cluster-class charts rendered from the model with real Helm), with the CRDs of
 * {@code ../shared/crds} when present. Computed once per test JVM and shared by the tests that read it.
 */
final class SampleClusters {
    static final Path CLUSTERS = Path.of("../sample-stack/src/test/clusterstack/clusters");
    /**
     * The CRDs the sample stack's build validates against (sample-stack/pom.xml): Cluster API v1.14 (v1beta1 and
     * v1beta2 schemas, and the MachineDeployment the plan creates in v1beta2) and CAPO v0.14.
     */
    static final List<String> CRDS = List.of("crds/cluster-api-v1.14.0", "crds/cluster-api-provider-openstack-v0.14.7");

    /** One release of a sample stack, rendered. */
    record Release(ClusterStack stack, KubernetesRelease release, String releaseName, ClassSource classes) {
        String className() {
            return classes.classNames().get(0);
        }
    }

    /** One test cluster planned against one release. */
    record Planned(String file, Release release, Plan plan) {
        /**
         * The value at a JSON pointer of a planned object as a management cluster serves it in v1beta1: an object of a
         * v1beta2 release converted with Cluster API's field mapping ({@link ApiConversion}), any other as planned. The
         * features' effects are stated once, in v1beta1's terms, for the releases of either version.
         */
        Object valueAt(String role, String pointer) {
            Map<String, Object> o = plan.objects().get(role);
            if (o == null) {
                return null;
            }
            Map<String, String> versions = new LinkedHashMap<>();
            for (Map<String, Object> x : plan.objects().values()) {
                String apiVersion = String.valueOf(x.get("apiVersion"));
                versions.putIfAbsent(x.get("kind") + "." + apiVersion.substring(0, Math.max(0, apiVersion.indexOf('/'))), apiVersion);
            }
            JsonNode served = JSON.valueToTree(ApiConversion.toV1Beta1(o, gk -> {
                String known = ApiConversion.clusterApiV1Beta1Version(gk);
                return known != null ? known : versions.get(gk);
            })).at(pointer);
            return served.isMissingNode() ? null : JSON.convertValue(served, Object.class);
        }

        @Override
        public String toString() {
            return file + " against " + release.className();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SampleClusters instance;

    final List<Release> releases = new ArrayList<>();
    final Map<String, ClusterFile> clusters = new LinkedHashMap<>();
    final List<Planned> plans = new ArrayList<>();
    final Path work;
    final PlanOptions options;
    final long renderMillis;
    final long planMillis;

    private SampleClusters() throws IOException {
        work = Files.createTempDirectory("sample-clusters-");
        Optional<CrdSchemas> crds = SharedFolder.shared().filter(s -> CRDS.stream().allMatch(c -> Files.exists(s.resolve(c))))
                .map(s -> CrdSchemas.load(CRDS.stream().map(s::resolve).toArray(Path[]::new)));
        options = crds.map(c -> PlanOptions.defaults(work.resolve("eval")).withCrds(c)).orElse(PlanOptions.defaults(work.resolve("eval")));
        long t0 = System.nanoTime();
        try (HelmRunner helm = HelmRunner.create()) {
            for (Path definition : List.of(SampleStacks.OPENSTACK, SampleStacks.DOCKER)) {
                ClusterStack stack = SampleStacks.load(definition);
                for (KubernetesRelease r : stack.releases()) {
                    releases.add(new Release(stack, r, stack.releaseName(r.kubernetesVersion()),
                            ClassSource.fromModel(stack, r, SampleStacks.CHART_VERSION, work.resolve("charts"), helm)));
                }
            }
        }
        long t1 = System.nanoTime();
        try (Stream<Path> files = Files.list(CLUSTERS)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                String name = f.getFileName().toString();
                clusters.put(name, ClusterFile.read(f, "clusters/" + name));
            }
        }
        for (Map.Entry<String, ClusterFile> c : clusters.entrySet()) {
            for (Release r : releases) {
                if (c.getValue().plannedAgainst(r.releaseName(), r.className())) {
                    plans.add(new Planned(c.getKey(), r, Planner.plan(r.classes(),
                            c.getValue().forRelease(r.className(), r.release().kubernetesVersion().tag()), options)));
                }
            }
        }
        renderMillis = (t1 - t0) / 1_000_000;
        planMillis = (System.nanoTime() - t1) / 1_000_000;
    }

    static synchronized SampleClusters get() {
        if (instance == null) {
            try {
                instance = new SampleClusters();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    boolean withCrds() {
        return options.crds() != null;
    }

    /** The plans of one test cluster, one per release it matched. */
    List<Planned> of(String file) {
        List<Planned> out = plans.stream().filter(p -> p.file().equals(file)).toList();
        if (out.isEmpty()) {
            throw new AssertionError("no plan for " + file + " (is it in " + CLUSTERS + "?)");
        }
        return out;
    }
}
