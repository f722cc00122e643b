package dev.clusterstack.core.definition;

import dev.clusterstack.core.model.base.GenericTemplate;
import dev.clusterstack.core.model.infra.OpenStackMachineTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A template of an alpha API version of a typed kind (the CAPO {@code v1alpha7} of the SCS stacks of early 2024, where
 * {@code image} is a name, not {@code v1beta1}'s {@code {filter: {name}}}) is kept as written; without an apiVersion or
 * with the beta one, the typed kind reads it.
 */
class AlphaApiVersionTemplateTest {
    private static final String STACK = """
            provider: openstack
            name: scs
            kubernetesVersions:
              - version: 1.28.7
            clusterClass:
              infrastructure: {ref: cluster}
              controlPlane:
                ref: cp
                machineInfrastructure: {ref: control-plane}
            templates:
              - name: cluster
                kind: OpenStackClusterTemplate
                apiVersion: infrastructure.cluster.x-k8s.io/v1alpha7
                spec: {template: {spec: {cloudName: openstack}}}
              - name: control-plane
                kind: OpenStackMachineTemplate
                APIVERSION
                spec:
                  template:
                    spec:
                      flavor: SCS-2V-4
                      image: ubuntu-capi-image-v1.28.7
              - name: cp
                kind: KubeadmControlPlaneTemplate
            """;

    @Test
    void anAlphaApiVersionKeepsTheTemplateAsWritten(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stack.yaml"),
                STACK.replace("APIVERSION", "apiVersion: infrastructure.cluster.x-k8s.io/v1alpha7"));
        var content = StackDefinition.load(dir.resolve("stack.yaml")).stack().releases().get(0).content();
        var machine = assertInstanceOf(GenericTemplate.class, content.template("control-plane").orElseThrow());
        assertEquals("infrastructure.cluster.x-k8s.io/v1alpha7", machine.apiVersion());
        assertEquals("OpenStackMachineTemplate", machine.kind());
        assertEquals(Map.of("template", Map.of("spec", Map.of("flavor", "SCS-2V-4", "image", "ubuntu-capi-image-v1.28.7"))),
                machine.spec());
        assertInstanceOf(GenericTemplate.class, content.template("cluster").orElseThrow());
    }

    @Test
    void theBetaApiVersionOrNoneIsReadByTheTypedKind(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("stack.yaml"), STACK.replace("    APIVERSION\n", "").replace("image: ubuntu-capi-image-v1.28.7",
                "image: {filter: {name: ubuntu-capi-image-v1.28.7}}"));
        var content = StackDefinition.load(dir.resolve("stack.yaml")).stack().releases().get(0).content();
        assertInstanceOf(OpenStackMachineTemplate.class, content.template("control-plane").orElseThrow());

        Path beta = dir.resolve("beta.yaml");
        Files.writeString(beta, STACK.replace("APIVERSION", "apiVersion: infrastructure.cluster.x-k8s.io/v1beta1"));
        assertEquals(List.of("beta.yaml:22:18: error: templates[1].spec.template.spec.image: expected a mapping, found a string"),
                Definitions.printed(beta, "beta.yaml"));
    }
}
