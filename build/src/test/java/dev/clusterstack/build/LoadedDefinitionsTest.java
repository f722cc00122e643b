package dev.clusterstack.build;

import dev.clusterstack.core.definition.StackDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class LoadedDefinitionsTest {
    static final String STACK = """
            provider: docker
            name: scs
            kubernetesVersions: [{version: 1.32.5}]
            clusterClass:
              infrastructure: {ref: cluster}
              controlPlane: {ref: cp}
            templates:
              - {name: cluster, kind: DockerClusterTemplate}
              - name: cp
                kind: KubeadmControlPlaneTemplate
                spec:
                  template:
                    spec:
                      kubeadmConfigSpec:
                        files:
                          - {path: /etc/motd, source: motd.txt}
            """;

    @Test
    void goalsOfOneBuildShareALoadUntilAnInputChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stack.yaml");
        Files.writeString(file, STACK);
        Files.writeString(dir.resolve("motd.txt"), "hello\n");
        Map<String, Object> context = new HashMap<>();
        AtomicInteger loads = new AtomicInteger();
        LoadedDefinitions shared = new LoadedDefinitions(context);
        StackDefinition.Loaded first = shared.get(file, () -> {
            loads.incrementAndGet();
            return StackDefinition.load(file);
        });
        StackDefinition.Loaded second = new LoadedDefinitions(context).get(file, () -> {
            loads.incrementAndGet();
            return StackDefinition.load(file);
        });
        assertSame(first, second);
        assertEquals(1, loads.get());

        Files.writeString(dir.resolve("motd.txt"), "changed\n");
        Files.setLastModifiedTime(dir.resolve("motd.txt"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        new LoadedDefinitions(context).get(file, () -> {
            loads.incrementAndGet();
            return StackDefinition.load(file);
        });
        assertEquals(2, loads.get(), "a changed source file is read again");

        new LoadedDefinitions(null).get(file, () -> {
            loads.incrementAndGet();
            return StackDefinition.load(file);
        });
        assertEquals(3, loads.get(), "without a context nothing is shared");
    }
}
