package dev.clusterstack.core.definition;

import dev.clusterstack.core.model.infra.OpenStackClusterTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InterpolationTypesTest {
    @Test
    void aValueThatIsOneInterpolationTakesTheTypeOfItsResult(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stack.yaml"), """
                provider: openstack
                name: scs
                values: {lb: true, port: 6443}
                kubernetesVersions:
                  - version: 1.32.5
                  - version: 1.33.1
                    values: {lb: false}
                clusterClass:
                  infrastructure: {ref: cluster}
                  controlPlane: {ref: cp}
                templates:
                  - name: cluster
                    kind: OpenStackClusterTemplate
                    spec:
                      template:
                        spec:
                          apiServerLoadBalancer:
                            enabled: "[=values.lb]"
                          apiServerPort: "[=values.port]"
                          tags: ["v[=kubernetes.minor]", "[=values.lb?c] and more"]
                  - name: cp
                    kind: KubeadmControlPlaneTemplate
                """);
        var stack = StackDefinition.load(dir.resolve("stack.yaml")).stack();
        var first = (OpenStackClusterTemplate) stack.releases().get(0).content().template("cluster").orElseThrow();
        var second = (OpenStackClusterTemplate) stack.releases().get(1).content().template("cluster").orElseThrow();
        assertEquals(Boolean.TRUE, first.spec().template().spec().apiServerLoadBalancer().enabled());
        assertEquals(Boolean.FALSE, second.spec().template().spec().apiServerLoadBalancer().enabled());
        assertEquals(6443, first.spec().template().spec().apiServerPort());
        assertEquals(java.util.List.of("v32", "true and more"), first.spec().template().spec().tags(),
                "text around an interpolation keeps it a string");
    }

    @Test
    void stringsFromValuesStayStringsWhateverTheyReadLike(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stack.yaml"), """
                provider: openstack
                name: scs
                values: {none: "null", tilde: "~", yes: "true", port: "6443", lb: true, mtu: 1500}
                kubernetesVersions:
                  - version: 1.32.5
                clusterClass:
                  infrastructure: {ref: cluster}
                  controlPlane: {ref: cp}
                templates:
                  - name: cluster
                    kind: OpenStackClusterTemplate
                    spec:
                      template:
                        spec:
                          apiServerLoadBalancer:
                            enabled: "[=values.lb]"
                          apiServerPort: "[=values.mtu]"
                          tags: ["[=values.none]", "[=values.tilde]", "[=values.yes]", "[=values.port]"]
                          apiServerFixedIP: "[=values.tilde]"
                  - name: cp
                    kind: KubeadmControlPlaneTemplate
                """);
        var stack = StackDefinition.load(dir.resolve("stack.yaml")).stack();
        var spec = ((OpenStackClusterTemplate) stack.releases().get(0).content().template("cluster").orElseThrow())
                .spec().template().spec();
        assertEquals(java.util.List.of("null", "~", "true", "6443"), spec.tags());
        assertEquals("~", spec.apiServerFixedIP(), "a string \"~\" is not YAML null: the field stays");
        assertEquals(Boolean.TRUE, spec.apiServerLoadBalancer().enabled(), "a boolean stays a boolean");
        assertEquals(1500, spec.apiServerPort(), "a number stays a number");
    }

    @Test
    void literalBracketsStayText() {
        assertEquals(false, DefinitionInterpolation.isSingleInterpolation("[=a] [=b]"));
        assertEquals(false, DefinitionInterpolation.isSingleInterpolation("x[=a]"));
        assertEquals(true, DefinitionInterpolation.isSingleInterpolation("[=values.lb]"));
    }
}
