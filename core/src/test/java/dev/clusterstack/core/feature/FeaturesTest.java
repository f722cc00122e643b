package dev.clusterstack.core.feature;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.problem.StackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry, driven like a stack definition's {@code features:} section. */
class FeaturesTest {
    @TempDir
    Path tmp;

    @Test
    void registersEveryFeatureOnce() {
        assertEquals(List.of("etcdDefrag", "apiServerLimits", "httpProxy", "registryMirrors", "oidc", "certSANs",
                "ovnLoadBalancer", "restrictApiAccess"), Features.ids());
    }

    @Test
    void featuresSectionOfADefinitionReachesTheChart() throws Exception {
        Path dir = tmp.resolve("stack");
        Files.createDirectories(dir.resolve("files"));
        Files.copy(Stacks.DOCKER.resolveSibling("files/motd.txt.ftl"), dir.resolve("files/motd.txt.ftl"));
        Files.writeString(dir.resolve("stack.yaml"), Files.readString(Stacks.DOCKER) + """
                features:
                  httpProxy: {}
                  registryMirrors:
                    maxMirrors: 2
                  oidc:
                    variable: oidcConfig
                  certSANs:
                    enabled: false
                """);
        ClusterStack stack = StackDefinition.load(dir.resolve("stack.yaml")).stack();
        StackContent c = stack.releases().get(1).content();
        List<String> variables = c.clusterClass().variables().stream().map(v -> v.name()).toList();
        assertEquals(List.of("imageRepository", "httpProxy", "registryMirrors", "oidcConfig"), variables);
        Stacks.renderChecked(stack, tmp);
        String readme = Files.readString(tmp.resolve("chart/README.md"));
        assertTrue(readme.contains("### `httpProxy`"), readme);
        assertTrue(readme.contains("| `oidcConfig` | object |"), readme);
    }

    @Test
    void configurationProblemsNameTheFeature() {
        StackContent docker = Stacks.docker().releases().get(0).content();
        StackException e = assertThrows(StackException.class, () -> Features.apply(docker,
                Map.of("httpProxy", Map.of("variabel", "p"), "etcdDefrags", Map.of()), Map.of()));
        String all = e.problems().toString();
        assertTrue(all.contains("features.httpProxy.variabel"), all);
        assertTrue(all.contains("did you mean 'etcdDefrag'"), all);

        StackException clash = assertThrows(StackException.class, () -> Features.apply(docker,
                Map.of("certSANs", Map.of("variable", "imageRepository")), Map.of()));
        assertTrue(clash.problems().get(0).path().equals("features.certSANs"), clash.problems().toString());
        assertTrue(clash.problems().get(0).message().contains("already declares a variable 'imageRepository'"));

        StackException bad = assertThrows(StackException.class, () -> Features.apply(docker,
                Map.of("apiServerLimits", Map.of("memoryPercent", 150)), Map.of()));
        assertTrue(bad.problems().toString().contains("memoryPercent"), bad.problems().toString());
    }
}
