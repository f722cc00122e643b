package dev.clusterstack.core.bind;

import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.render.Yaml;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Maps and sets without an order of their own reach output in key order; ordered ones keep theirs.
 * Ten keys make it practically impossible (1 in 10!) that a {@code Map.of} happens to iterate sorted.
 */
class StableOrderTest {
    static final List<String> SORTED = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
            "hotel", "india", "juliett");

    static Map<String, Object> mapOf() {
        return Map.of("juliett", 10, "india", 9, "hotel", 8, "golf", 7, "foxtrot", 6, "echo", 5, "delta", 4,
                "charlie", 3, "bravo", 2, "alpha", 1);
    }

    static Map<String, Object> reversedLinked() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = SORTED.size() - 1; i >= 0; i--) {
            m.put(SORTED.get(i), i + 1);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static List<String> keys(Object plain) {
        return new ArrayList<>(((Map<String, Object>) plain).keySet());
    }

    @Test
    void unorderedMapsAreReadInKeyOrderOrderedOnesAsGiven() {
        assertEquals(SORTED, keys(StableOrder.tree(mapOf())));
        assertEquals(SORTED, keys(StableOrder.tree(new HashMap<>(mapOf()))));
        assertEquals(SORTED, keys(Writer.toPlain(mapOf())));
        assertEquals(SORTED, new ArrayList<>(Copies.map(mapOf()).keySet()));

        List<String> reversed = new ArrayList<>(SORTED);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, keys(StableOrder.tree(reversedLinked())));
        assertEquals(reversed, keys(Writer.toPlain(reversedLinked())));
        assertEquals(reversed, new ArrayList<>(Copies.map(reversedLinked()).keySet()));
        assertEquals(reversed, keys(Writer.toPlain(Copies.map(reversedLinked()))), "a record's copy keeps its order");
        assertEquals(SORTED, keys(StableOrder.tree(new TreeMap<>(reversedLinked()))));
    }

    @Test
    void unorderedSetsAreWrittenSorted() {
        Set<String> set = Set.copyOf(SORTED);
        assertEquals(SORTED, StableOrder.tree(set));
        assertEquals(SORTED, Writer.toPlain(new HashSet<>(SORTED)));
        assertEquals(List.of("b", "a"), Writer.toPlain(List.of("b", "a")), "lists keep their order");
    }

    @Test
    void yamlWritesNestedMapOfInKeyOrder() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("z", List.of(Map.of("upstream", "https://mirror.example.com", "host", "docker.io", "caFile", "/ca")));
        tree.put("a", 1);
        assertEquals("""
                z:
                  - caFile: /ca
                    host: docker.io
                    upstream: "https://mirror.example.com"
                a: 1
                """, Yaml.write(tree));
    }

    @Test
    void aSchemaExampleGivenAsMapOfIsWrittenInKeyOrder() {
        JSONSchemaProps schema = JSONSchemaProps.builder("array")
                .example(List.of(Map.of("upstream", "https://mirror.example.com", "host", "docker.io")))
                .build();
        @SuppressWarnings("unchecked")
        List<Object> example = (List<Object>) Writer.recordToMap(schema).get("example");
        assertEquals(List.of("host", "upstream"), keys(example.get(0)));
    }
}
