package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6902 as strictly as Cluster API applies it. */
class JsonPatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode doc() throws Exception {
        return JSON.readTree("{\"spec\": {\"files\": [\"a\", \"b\"], \"x\": 1}}");
    }

    @Test
    void addReplaceRemove() throws Exception {
        JsonNode d = doc();
        JsonPatch.apply(d, "add", "/spec/files/-", TextNode.valueOf("c"));
        JsonPatch.apply(d, "add", "/spec/files/0", TextNode.valueOf("z"));
        JsonPatch.apply(d, "replace", "/spec/x", TextNode.valueOf("y"));
        JsonPatch.apply(d, "remove", "/spec/files/1", null);
        JsonPatch.apply(d, "add", "/spec/a~1b", TextNode.valueOf("slash"));
        assertEquals(JSON.readTree("{\"spec\": {\"files\": [\"z\", \"b\", \"c\"], \"x\": \"y\", \"a/b\": \"slash\"}}"), d);
    }

    @Test
    void strictWhereClusterApiIsStrict() throws Exception {
        JsonNode d = doc();
        JsonPatch.PatchException parent = assertThrows(JsonPatch.PatchException.class,
                () -> JsonPatch.apply(d, "add", "/spec/kubeadmConfigSpec/files/-", TextNode.valueOf("f")));
        assertTrue(parent.getMessage().contains("doc is missing path"), parent.getMessage());
        assertThrows(JsonPatch.PatchException.class, () -> JsonPatch.apply(d, "replace", "/spec/nope", TextNode.valueOf("f")));
        assertThrows(JsonPatch.PatchException.class, () -> JsonPatch.apply(d, "remove", "/spec/nope", null));
        assertThrows(JsonPatch.PatchException.class, () -> JsonPatch.apply(d, "add", "/spec/files/3", TextNode.valueOf("f")));
        assertThrows(JsonPatch.PatchException.class, () -> JsonPatch.apply(d, "replace", "/spec/files/2", TextNode.valueOf("f")));
        assertThrows(JsonPatch.PatchException.class, () -> JsonPatch.apply(d, "move", "/spec/x", null));
        assertEquals(doc(), d, "a failed operation changes nothing");
    }
}
