package dev.clusterstack.core.model;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.model.kubeadm.File;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.problem.StackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileEncodingTest {
    static final String BIG = "#!/bin/sh\n" + "echo \"${HOME} `date` {{ x }}\" # äöü\n".repeat(600);

    @Test
    void largeTextIsGzipBase64AndDecodesWithTheJdkExactly() throws Exception {
        File f = File.encoded("/usr/local/bin/x", "0755", BIG);
        assertEquals("gzip+base64", f.encoding());
        assertTrue(f.content().length() <= File.MAX_CONTENT, "fits Cluster API's limit");
        byte[] gz = Base64.getDecoder().decode(f.content());
        assertEquals(BIG, new String(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, gz[4] | gz[5] | gz[6] | gz[7], "no time in the gzip header");
        assertEquals(f, File.encoded("/usr/local/bin/x", "0755", BIG), "deterministic");
        File small = File.encoded("/etc/x", "0644", "hello\n");
        assertNull(small.encoding());
        assertEquals("hello\n", small.text());
    }

    @Test
    void sourceFilesAreEncodedWhenTheDefinitionAsksAndTooLongContentIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("big.sh"), BIG);
        String base = """
                provider: docker
                name: scs
                kubernetesVersions: [{version: 1.32.5}]
                clusterClass:
                  infrastructure: {ref: cluster}
                  controlPlane: {ref: cp}
                templates:
                  - name: cluster
                    kind: DockerClusterTemplate
                  - name: cp
                    kind: KubeadmControlPlaneTemplate
                    spec:
                      template:
                        spec:
                          kubeadmConfigSpec:
                            files:
                              - path: /usr/local/bin/big.sh
                                source: big.sh
                """;
        Files.writeString(dir.resolve("stack.yaml"), base + "                encoding: gzip+base64\n");
        KubeadmControlPlaneTemplate cp = (KubeadmControlPlaneTemplate) StackDefinition.load(dir.resolve("stack.yaml"))
                .stack().releases().get(0).content().template("cp").orElseThrow();
        assertEquals(BIG, cp.kubeadmConfigSpec().files().get(0).text());

        Files.writeString(dir.resolve("stack.yaml"), base);
        StackException e = assertThrows(StackException.class, () -> StackDefinition.load(dir.resolve("stack.yaml")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("stack.yaml:18:17: error: templates[1].spec.template.spec.kubeadmConfigSpec"
                + ".files[0].content: is " + BIG.length() + " characters; Cluster API accepts at most 10240"), e.getMessage());

        Files.writeString(dir.resolve("stack.yaml"), base + "                encoding: gzip\n");
        e = assertThrows(StackException.class, () -> StackDefinition.load(dir.resolve("stack.yaml")));
        assertTrue(e.getMessage().contains("stack.yaml:19:27: error: templates[1].spec.template.spec.kubeadmConfigSpec"
                + ".files[0].encoding: a 'source' file is encoded as base64 or gzip+base64, not 'gzip'"), e.getMessage());
    }
}
