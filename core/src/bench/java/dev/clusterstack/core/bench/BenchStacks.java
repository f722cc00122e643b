package dev.clusterstack.core.bench;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.KubernetesVersion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The stacks the benchmarks run on, and synthetic stacks with many Kubernetes versions. */
final class BenchStacks {

    private BenchStacks() {
    }

    /** The Docker test stack of core (2 versions). */
    static Path docker() {
        return Path.of(System.getProperty("bench.docker", "src/test/resources/stacks/docker/stack.yaml"));
    }

    /** The OpenStack sample stack (4 versions), or null when this checkout has none. */
    static Path openstack() {
        Path p = Path.of(System.getProperty("bench.openstack",
                "../sample-stack/src/main/clusterstack/openstack/stack.yaml"));
        return Files.isRegularFile(p) ? p : null;
    }

    static ClusterStack load(Path file) {
        return StackDefinition.load(file).stack();
    }

    /**
     * The stack with {@code n} Kubernetes versions 1.0 .. 1.(n-1), each a clone of the stack's newest release (same
     * content, node image and values) under another minor and patch version: minors are unique per stack, so every
     * clone is a release of its own with its own folder and archives.
     */
    static ClusterStack scaled(ClusterStack base, int n) {
        KubernetesRelease template = base.releases().get(base.releases().size() - 1);
        List<KubernetesRelease> releases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            KubernetesVersion v = new KubernetesVersion(1, i, (i * 7) % 23);
            releases.add(new KubernetesRelease(v, template.nodeImage(), template.values(), template.content()));
        }
        return new ClusterStack(base.provider(), base.name(), releases);
    }
}
