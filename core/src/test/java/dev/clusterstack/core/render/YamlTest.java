package dev.clusterstack.core.render;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The text {@link Yaml#write} gives for the edge cases of its rules. The expected texts are written by hand
 * from the rules in {@link Yaml}'s documentation (and agree with the output of the Jackson-based writer this
 * project used before); each text is also read back with SnakeYAML (YAML 1.1, the stricter reader for
 * look-alikes) to the values that were written.
 */
class YamlTest {

    private static Object readBack(String yaml) {
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }

    private static void assertWritten(String expected, Object tree) {
        assertEquals(expected, Yaml.write(tree));
        assertEquals(tree, readBack(expected), "reads back to what was written");
    }

    @Test
    void stringsThatLookLikeOtherTypesAreDoubleQuoted() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plain", "v1.32.5");
        m.put("path", "/etc/kubernetes/admin.conf");
        m.put("int", "1");
        m.put("float", "1.5");
        m.put("exponent", "1e3");
        m.put("hex", "0x1F");
        m.put("octal", "0o17");
        m.put("sexagesimal", "1:20");
        m.put("infinity", ".inf");
        m.put("date", "2001-12-14");
        m.put("yes", "yes");
        m.put("No", "No");
        m.put("ON", "ON");
        m.put("y", "y");
        m.put("null", "null");
        m.put("tilde", "~");
        m.put("empty", "");
        m.put("space", "a b");
        m.put("leading", " a");
        m.put("trailing", "a ");
        m.put("colon", "a: b");
        m.put("comment", "#x");
        m.put("unicode", "日本 ✓");
        assertWritten("""
                plain: v1.32.5
                path: /etc/kubernetes/admin.conf
                int: "1"
                float: "1.5"
                exponent: "1e3"
                hex: "0x1F"
                octal: "0o17"
                sexagesimal: "1:20"
                infinity: ".inf"
                date: "2001-12-14"
                "yes": "yes"
                "No": "No"
                "ON": "ON"
                "y": "y"
                "null": "null"
                tilde: "~"
                empty: ""
                space: "a b"
                leading: " a"
                trailing: "a "
                colon: "a: b"
                comment: "#x"
                unicode: "日本 ✓"
                """, m);
    }

    @Test
    void multiLineTextIsALiteralBlockThatKeepsItsLineEnds() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("noEnd", "a\nb");
        m.put("oneEnd", "a\nb\n");
        m.put("twoEnds", "a\n\n");
        m.put("leadingSpaces", "  indented\nnext\n");
        m.put("after", "x");
        assertWritten("""
                noEnd: |-
                  a
                  b
                oneEnd: |
                  a
                  b
                twoEnds: |+
                  a

                leadingSpaces: |2
                    indented
                  next
                after: x
                """, m);
    }

    @Test
    void textWithLineBreaksOtherThanLineFeedOrABomIsEscaped() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nel", "a\u0085b");
        m.put("lineSeparatorInBlock", "a\nb\u2028c");
        m.put("paragraphSeparator", "a\u2029");
        m.put("bom", "\uFEFFx");
        m.put("bomInBlock", "a\n\uFEFF");
        m.put("tab", "a\tb");
        m.put("crlf", "a\r\nb");
        assertWritten("""
                nel: "a\\Nb"
                lineSeparatorInBlock: "a\\nb\\Lc"
                paragraphSeparator: "a\\P"
                bom: "\\uFEFFx"
                bomInBlock: "a\\n\\uFEFF"
                tab: "a\\tb"
                crlf: "a\\r\\nb"
                """, m);
    }

    @Test
    void collectionsNumbersAndKeys() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("emptyMap", Map.of());
        m.put("emptyList", List.of());
        m.put("list", List.of(Map.of("name", "a"), List.of("x", "y"), List.of(), Map.of()));
        m.put("numbers", List.of(5, 3000000000L, 1.5, 1e10, true, false));
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        m.put("nulls", withNull);
        m.put("unordered", Map.of("b", 2, "a", 1));
        m.put("a b", "x");
        m.put("yes", "x");
        assertEquals("""
                emptyMap: {}
                emptyList: []
                list:
                  - name: a
                  -   - x
                      - "y"
                  - []
                  - {}
                numbers:
                  - 5
                  - 3000000000
                  - 1.5
                  - 1.0E10
                  - true
                  - false
                nulls:
                  - null
                unordered:
                  a: 1
                  b: 2
                "a b": x
                "yes": x
                """, Yaml.write(m));
    }

    @Test
    void nestedListsOfMapsAndATopLevelList() {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "kubeadm");
        container.put("args", List.of("--v=2", "init"));
        assertWritten("""
                  - a
                  - containers:
                      - name: kubeadm
                        args:
                          - "--v=2"
                          - init
                """, List.of("a", Map.of("containers", List.of(container))));
    }

    @Test
    void aKeyLongerThan128CharactersIsAnExplicitKey() {
        String key = "k".repeat(130);
        assertWritten("? " + key + "\n: long\n", Map.of(key, "long"));
    }

    @Test
    void otherValuesAreRejected() {
        Map<String, Object> withNullKey = new LinkedHashMap<>();
        withNullKey.put(null, "x");
        assertThrows(IllegalArgumentException.class, () -> Yaml.write(withNullKey));
        assertThrows(IllegalArgumentException.class, () -> Yaml.write(Map.of("a", new Object())));
    }
}
