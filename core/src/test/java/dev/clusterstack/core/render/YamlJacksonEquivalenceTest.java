package dev.clusterstack.core.render;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.clusterstack.core.bind.StableOrder;
import dev.clusterstack.core.bind.Writer;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Yaml#write} and the variable table's JSON defaults give, for random trees, exactly the text Jackson
 * gives with the configuration this project used before writing them without Jackson: YAML through
 * Jackson's YAML generator (block style, no document marker, minimized quotes with {@link Yaml#isPlainSafe}
 * as the quoting rule, literal blocks, sequences indented with their indicator, no line splitting, NEL, LS,
 * PS and BOM double-quoted, the BOM escaped), JSON through a default {@code ObjectMapper}. The strings mix
 * YAML indicators, number, boolean, null and date look-alikes, every kind of line break, control
 * characters, long keys (over SnakeYAML's 128-character simple-key limit) and long lines.
 */
class YamlJacksonEquivalenceTest {
    private static final String[] PIECES = {"a", "b", "Z", "_", "/", ".", "-", "0", "1", "9", " ", "  ", "\t", "\n", "\r",
            "\r\n", "\u0085", "\u2028", "\u2029", "\uFEFF", "#", ": ", ":", "- ", "-", "---", "...", "%", "@", "!", "&", "*",
            "|", ">", "'", "\"", "\\", "{{ .x }}", "{", "}", "[", "]", ",", "?", "~", "yes", "No", "ON", "null", "true", "y",
            "0x1F", "0o17", "1e3", ".inf", ".NaN", "1:20", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "é", "日本", "😀",
            "\u0000", "\u0001", "\u001f", "\u007f", "\u0080", "\u009f", "\u00a0", "\ufffe", "\uffff", "\u200b", "\u202e", "=",
            "<<", "$(x)", "${y}", "`", "%TAG", "00", "012", "+1", "-1", "1.5", "1_000", "0b101", "\u3000", "\u1680",
            "x".repeat(90), "word ".repeat(30), "\n\n", " \n", "\n ", "\t\n"};
    private static final Object[] OTHER_SCALARS = {null, new BigInteger("123456789012345678901234567890"),
            new BigDecimal("1E+3"), new BigDecimal("0.000001"), 1.5f, (short) 3, 'c', '\n', Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1e10, 1e-7, 123456789.125};

    private final Random random = new Random(42);

    private String string() {
        StringBuilder b = new StringBuilder();
        for (int n = random.nextInt(6); n > 0; n--) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        if (random.nextInt(10) == 0) {
            b.append("k".repeat(130));
        }
        return b.toString();
    }

    private Object value(int depth) {
        int kind = random.nextInt(depth > 3 ? 8 : 11);
        if (kind < 4) {
            return string();
        }
        if (kind == 4) {
            return random.nextLong() >> random.nextInt(64);
        }
        if (kind == 5) {
            return random.nextInt(1000) - 500;
        }
        if (kind == 6) {
            return random.nextBoolean();
        }
        if (kind == 7) {
            return OTHER_SCALARS[random.nextInt(OTHER_SCALARS.length)];
        }
        if (kind < 10) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                map.put(string(), value(depth + 1));
            }
            return map;
        }
        List<Object> list = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            list.add(value(depth + 1));
        }
        return list;
    }

    @Test
    void yamlIsJacksonsForRandomTrees() throws IOException {
        ObjectMapper jackson = jacksonYaml();
        for (int i = 0; i < 20_000; i++) {
            Object tree = value(0);
            String expected = jackson.writeValueAsString(StableOrder.tree(tree)).replace("\uFEFF", "\\uFEFF");
            assertEquals(expected, Yaml.write(tree), () -> "tree " + tree);
        }
    }

    @Test
    void mapKeysOfOtherTypesAreWrittenAsJacksonWritesThem() throws IOException {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(1, "int");
        map.put(-7L, "long");
        map.put(1.5, "double");
        map.put((short) 4, "short");
        map.put(new BigInteger("12"), "big");
        map.put('c', "char");
        map.put(true, "boolean");
        map.put(DumperOptions.FlowStyle.BLOCK, new Object[] {DumperOptions.ScalarStyle.PLAIN, "x", List.of()});
        assertEquals(jacksonYaml().writeValueAsString(map), Yaml.write(map));
    }

    @Test
    void jsonDefaultsAreJacksonsForRandomTrees() throws IOException {
        ObjectMapper jackson = new ObjectMapper();
        for (int i = 0; i < 20_000; i++) {
            Object tree = value(0);
            assertEquals(jackson.writeValueAsString(Writer.toPlain(tree)), VariableDocs.defaultText(tree), () -> "tree " + tree);
        }
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            all.append(c);
        }
        assertEquals(jackson.writeValueAsString(all.toString()), VariableDocs.defaultText(all.toString()));
    }

    /** Jackson's YAML writer as this project configured it before. */
    private static ObjectMapper jacksonYaml() {
        StringQuotingChecker quoting = new StringQuotingChecker() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean needToQuoteName(String name) {
                return !Yaml.isPlainSafe(name);
            }

            @Override
            public boolean needToQuoteValue(String value) {
                return !Yaml.isPlainSafe(value);
            }
        };
        return new ObjectMapper(new EscapingFactory(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .stringQuotingChecker(quoting)));
    }

    /** Double-quotes literal blocks holding NEL, LS or PS, and any scalar holding a BOM. */
    private static final class EscapingFactory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        EscapingFactory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLGenerator _createGenerator(java.io.Writer out, IOContext context) throws IOException {
            return new YAMLGenerator(context, _generatorFeatures, _yamlGeneratorFeatures, _quotingChecker, _objectCodec,
                    out, _version) {
                @Override
                protected void _writeScalar(String value, String type, DumperOptions.ScalarStyle style) throws IOException {
                    boolean unsafeInBlock = style == DumperOptions.ScalarStyle.LITERAL
                            && (value.indexOf('\u0085') >= 0 || value.indexOf('\u2028') >= 0 || value.indexOf('\u2029') >= 0);
                    boolean bom = value.indexOf('\uFEFF') >= 0;
                    super._writeScalar(value, type, unsafeInBlock || bom ? DumperOptions.ScalarStyle.DOUBLE_QUOTED : style);
                }
            };
        }
    }
}
