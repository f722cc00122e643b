package dev.clusterstack.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metadata.yaml and hashes.json. */
class ReleaseFilesTest {

    private static final ReleaseMetadata METADATA = new ReleaseMetadata("v1.32.5", new ReleaseVersions(
            StackVersion.parse("v3"), StackVersion.parse("v2"), StackVersion.parse("v1")));

    private static final ReleaseHashes HASHES = new ReleaseHashes("ceip8rchaw7gg4phjdrj9ep9knhpiidze6ykyklbic",
            "qiadypxolfzmau9mgfn5hqwt8zg8cpfcpmcpunzhy", "", "");

    @Test
    void metadataIsWrittenExactlyAsTheContractShows(@TempDir Path tmp) throws IOException {
        String expected = "apiVersion: metadata.clusterstack.x-k8s.io/v1alpha1\n"
                + "versions:\n"
                + "  clusterStack: v3\n"
                + "  kubernetes: v1.32.5\n"
                + "  components:\n"
                + "    clusterAddon: v2\n"
                + "    nodeImage: v1\n";
        assertEquals(expected, METADATA.toYaml());
        Path file = tmp.resolve("metadata.yaml");
        METADATA.write(file);
        assertEquals(expected, Files.readString(file));
        assertEquals(METADATA, ReleaseMetadata.read(file));
        assertEquals("1-32", METADATA.kubernetesMinorDash());

        ReleaseMetadata hash = new ReleaseMetadata("v1.27.3", Versioner.hash(HASHES));
        assertTrue(hash.toYaml().contains("  clusterStack: v0-sha.ceip8rc\n"), hash.toYaml());
        assertEquals(hash, ReleaseMetadata.parse(hash.toYaml(), "x"));
    }

    @Test
    void metadataAsCsctlWritesItIsRead() throws IOException {
        // yaml.v3 indents by four; a newer csctl adds components.clusterClass
        String csctl = "apiVersion: metadata.clusterstack.x-k8s.io/v1alpha1\n"
                + "versions:\n"
                + "    clusterStack: v0-sha.3960147\n"
                + "    kubernetes: v1.27.3\n"
                + "    components:\n"
                + "        clusterAddon: v0-sha.3960147\n"
                + "        nodeImage: v0-sha.3960147\n"
                + "        clusterClass: v0-sha.3960147\n";
        ReleaseMetadata m = ReleaseMetadata.parse(csctl, "metadata.yaml");
        assertEquals("v0-sha.3960147", m.versions().nodeImage().toString());
        assertEquals("1-27", m.kubernetesMinorDash());
    }

    @Test
    void metadataErrorsNameFileAndField(@TempDir Path tmp) throws IOException {
        String good = METADATA.toYaml();
        assertError(good.replace("    nodeImage: v1\n", ""), "versions.components.nodeImage is missing");
        assertError(good.replace("clusterAddon: v2", "clusterAddon: 2"), "versions.components.clusterAddon must be a string");
        assertError(good.replace("clusterStack: v3", "clusterStack: v03"), "versions.clusterStack: invalid version 'v03'");
        assertError(good.replace("v1alpha1", "v1beta1"), "apiVersion must be metadata.clusterstack.x-k8s.io/v1alpha1");
        assertError(good.replace("v1.32.5", "1.32"), "versions.kubernetes");
        assertError("versions: [", "not valid YAML");
        Path missing = tmp.resolve("nope/metadata.yaml");
        IOException e = assertThrows(IOException.class, () -> ReleaseMetadata.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReleaseMetadata("1.32.5", METADATA.versions()));
    }

    private static void assertError(String yaml, String expected) {
        IOException e = assertThrows(IOException.class, () -> ReleaseMetadata.parse(yaml, "rel/metadata.yaml"));
        assertTrue(e.getMessage().startsWith("rel/metadata.yaml: ") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void hashesJsonIsDeterministicWithAllKeysAndTrailingNewline(@TempDir Path tmp) throws IOException {
        String expected = "{\n"
                + "  \"clusterStack\": \"ceip8rchaw7gg4phjdrj9ep9knhpiidze6ykyklbic\",\n"
                + "  \"clusterAddonDir\": \"qiadypxolfzmau9mgfn5hqwt8zg8cpfcpmcpunzhy\",\n"
                + "  \"clusterAddonValues\": \"\",\n"
                + "  \"nodeImageDir\": \"\"\n"
                + "}\n";
        Path file = tmp.resolve("hashes.json");
        HASHES.write(file);
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(HASHES, ReleaseHashes.read(file));
    }

    @Test
    void hashesAsCsctlWritesThemAreRead() throws IOException {
        // json.MarshalIndent, no trailing newline, nodeImageDir omitted when empty, newer clusterClassDir
        String csctl = "{\n  \"clusterStack\": \"abc1234xyz\",\n  \"clusterAddonDir\": \"dir1\",\n"
                + "  \"clusterAddonValues\": \"val1\",\n  \"clusterClassDir\": \"cc1\"\n}";
        assertEquals(new ReleaseHashes("abc1234xyz", "dir1", "val1", ""), ReleaseHashes.parse(csctl, "hashes.json"));
    }

    @Test
    void hashesErrorsNameFileAndField(@TempDir Path tmp) {
        assertHashError("{\"clusterAddonDir\": \"a\"}", "field clusterStack is missing");
        assertHashError("{\"clusterStack\": 12}", "field clusterStack must be a string");
        assertHashError("{\"clusterStack\": \"a\", \"nodeImageDir\": \"AB/+\"}", "nodeImageDir must be a cleaned csctl hash");
        assertHashError("{\"clusterStack\": \"a\", \"clusterStack\": \"b\"}", "not valid JSON");
        assertHashError("[]", "expected a JSON object");
        Path missing = tmp.resolve("rel/hashes.json");
        IOException e = assertThrows(IOException.class, () -> ReleaseHashes.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"));
    }

    private static void assertHashError(String json, String expected) {
        IOException e = assertThrows(IOException.class, () -> ReleaseHashes.parse(json, "rel/hashes.json"));
        assertTrue(e.getMessage().startsWith("rel/hashes.json: ") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void computeHashesLikeCsctlGetHash(@TempDir Path tmp) throws IOException {
        Path stack = tmp.resolve("scs");
        Files.createDirectories(stack.resolve("cluster-class/templates"));
        Files.createDirectories(stack.resolve("cluster-addon"));
        Files.writeString(stack.resolve("cluster-class/Chart.yaml"), "name: cc\n");
        Files.writeString(stack.resolve("cluster-addon/Chart.yaml"), "name: addon\n");
        Files.writeString(stack.resolve("cluster-addon-values.yaml"), "hello\n");
        Files.writeString(stack.resolve("csctl.yaml"), "config: {}\n");

        ReleaseHashes h = ReleaseHashes.compute(stack);
        assertEquals(DirHash.csctl(stack), h.clusterStack());
        assertEquals(DirHash.csctl(stack.resolve("cluster-addon")), h.clusterAddonDir());
        assertEquals("wjg1tslv3whtdcxepvz0hu0hfjrztqgoai6eb2vgm", h.clusterAddonValues(), "see DirHashTest");
        assertEquals("", h.nodeImageDir());

        Files.createDirectories(stack.resolve("node-image"));
        Files.writeString(stack.resolve("node-image/config.yaml"), "image: ubuntu\n");
        ReleaseHashes withImages = ReleaseHashes.compute(stack);
        assertEquals(DirHash.csctl(stack.resolve("node-image")), withImages.nodeImageDir());
        assertTrue(withImages.nodeImageChangedSince(h));
        assertTrue(!withImages.clusterAddonChangedSince(h));
    }
}
