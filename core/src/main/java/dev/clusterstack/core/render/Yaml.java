package dev.clusterstack.core.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.clusterstack.core.bind.StableOrder;

import org.yaml.snakeyaml.DumperOptions;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * YAML output of this project: block style, literal blocks for multi-line text, no document marker,
 * key order as given, and a conservative quoting rule so that no string can be read back as a number,
 * boolean, null, timestamp or sexagesimal by any YAML 1.1 or 1.2 reader (Go's yaml included).
 */
public final class Yaml {
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./-]*");
    private static final Set<String> YAML11_WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    private static final char BOM = '\uFEFF';

    private static final StringQuotingChecker QUOTING = new StringQuotingChecker() {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteName(String name) {
            return !isPlainSafe(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return !isPlainSafe(value);
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper(new Factory(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .stringQuotingChecker(QUOTING)))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * Inside a literal block, YAML readers turn NEL, LS and PS into line feeds, and SnakeYAML's
     * emitter writes them there raw: text holding one of them is written double-quoted (escaped) instead.
     * So is text holding U+FEFF, which {@link #write} then escapes.
     */
    private static final class Factory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        Factory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLGenerator _createGenerator(Writer out, IOContext context) throws IOException {
            return new YAMLGenerator(context, _generatorFeatures, _yamlGeneratorFeatures, _quotingChecker, _objectCodec,
                    out, _version) {
                @Override
                protected void _writeScalar(String value, String type, DumperOptions.ScalarStyle style) throws IOException {
                    boolean unsafeInBlock = style == DumperOptions.ScalarStyle.LITERAL
                            && (value.indexOf('\u0085') >= 0 || value.indexOf('\u2028') >= 0 || value.indexOf('\u2029') >= 0);
                    boolean bom = value.indexOf(BOM) >= 0;
                    super._writeScalar(value, type, unsafeInBlock || bom ? DumperOptions.ScalarStyle.DOUBLE_QUOTED : style);
                }
            };
        }
    }

    private Yaml() {
    }

    /** Whether a string may be written as a plain scalar without changing its type or value. */
    public static boolean isPlainSafe(String s) {
        return PLAIN_SAFE.matcher(s).matches() && !YAML11_WORDS.contains(s.toLowerCase(Locale.ROOT));
    }

    /**
     * A plain tree (maps, lists, scalars) as YAML text ending with a newline; maps and sets without an
     * order of their own ({@code Map.of}, {@code HashMap}) are written in key order ({@link StableOrder}).
     */
    public static String write(Object tree) {
        try {
            // SnakeYAML may leave U+FEFF raw inside a double-quoted scalar; Go's YAML reader (Helm, Kubernetes)
            // then fails depending on where its read buffer ends. Every BOM is in a double-quoted scalar (see
            // Factory), where the escape is valid.
            return MAPPER.writeValueAsString(StableOrder.tree(tree)).replace(String.valueOf(BOM), "\\uFEFF");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }
}
