package dev.clusterstack.core.render;

import dev.clusterstack.core.bind.StableOrder;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.emitter.Emitter;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * YAML output of this project: block style, literal blocks for multi-line text, no document marker,
 * key order as given, and a conservative quoting rule so that no string can be read back as a number,
 * boolean, null, timestamp or sexagesimal by any YAML 1.1 or 1.2 reader (Go's yaml included).
 *
 * <p>The tree is handed to SnakeYAML's emitter as events (the parser's library, loaded anyway): a
 * string is plain if {@link #isPlainSafe plain-safe}, a literal block if it holds a line feed, else
 * double-quoted (an empty one too); numbers, booleans and {@code null} are plain; sequences are indented
 * under their key with the indicator, no line is split.
 */
public final class Yaml {
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./-]*");
    private static final Set<String> YAML11_WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    private static final char BOM = '\uFEFF';
    private static final ImplicitTuple UNTAGGED = new ImplicitTuple(true, true);

    private Yaml() {
    }

    /** Whether a string may be written as a plain scalar without changing its type or value. */
    public static boolean isPlainSafe(String s) {
        return PLAIN_SAFE.matcher(s).matches() && !YAML11_WORDS.contains(s.toLowerCase(Locale.ROOT));
    }

    /**
     * A plain tree (maps, lists, scalars) as YAML text ending with a newline; maps and sets without an
     * order of their own ({@code Map.of}, {@code HashMap}) are written in key order ({@link StableOrder}).
     * Scalars are strings, numbers, booleans, characters and enum constants (written by name).
     *
     * @throws IllegalArgumentException if the tree holds a null key or any other kind of value
     */
    public static String write(Object tree) {
        StringWriter out = new StringWriter();
        Emitter emitter = new Emitter(out, options());
        try {
            emitter.emit(new StreamStartEvent(null, null));
            emitter.emit(new DocumentStartEvent(null, null, false, null, Map.of()));
            node(emitter, StableOrder.tree(tree));
            emitter.emit(new DocumentEndEvent(null, null, false));
            emitter.emit(new StreamEndEvent(null, null));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
        // SnakeYAML may leave U+FEFF raw inside a double-quoted scalar; Go's YAML reader (Helm, Kubernetes)
        // then fails depending on where its read buffer ends. Every BOM is in a double-quoted scalar (see
        // scalar), where the escape is valid.
        return out.toString().replace(String.valueOf(BOM), "\\uFEFF");
    }

    private static DumperOptions options() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        return options;
    }

    private static void node(Emitter emitter, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            emitter.emit(new MappingStartEvent(null, null, true, null, null, DumperOptions.FlowStyle.BLOCK));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                key(emitter, e.getKey());
                node(emitter, e.getValue());
            }
            emitter.emit(new MappingEndEvent(null, null));
        } else if (value instanceof Collection<?> || value instanceof Object[]) {
            emitter.emit(new SequenceStartEvent(null, null, true, null, null, DumperOptions.FlowStyle.BLOCK));
            for (Object item : value instanceof Object[] array ? Arrays.asList(array) : (Collection<?>) value) {
                node(emitter, item);
            }
            emitter.emit(new SequenceEndEvent(null, null));
        } else if (value instanceof String || value instanceof Character || value instanceof Enum<?>) {
            String s = value instanceof Enum<?> e ? e.name() : value.toString();
            scalar(emitter, s, s.isEmpty() ? DumperOptions.ScalarStyle.DOUBLE_QUOTED
                    : s.indexOf('\n') >= 0 ? DumperOptions.ScalarStyle.LITERAL
                    : isPlainSafe(s) ? DumperOptions.ScalarStyle.PLAIN : DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        } else if (value == null || value instanceof Number || value instanceof Boolean) {
            // Number.toString is the shortest form that reads back (Double: 1.0E10, NaN, Infinity; BigDecimal: 1E+3)
            scalar(emitter, String.valueOf(value), DumperOptions.ScalarStyle.PLAIN);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as YAML");
        }
    }

    /** A key: an int or long one plain (it reads back as that number), any other by the string rule. */
    private static void key(Emitter emitter, Object key) throws IOException {
        if (key == null) {
            throw new IllegalArgumentException("cannot write a null key as YAML");
        }
        String text = key instanceof Enum<?> e ? e.name() : key.toString();
        boolean plain = key instanceof Integer || key instanceof Long || isPlainSafe(text);
        scalar(emitter, text, plain ? DumperOptions.ScalarStyle.PLAIN : DumperOptions.ScalarStyle.DOUBLE_QUOTED);
    }

    /**
     * Inside a literal block, YAML readers turn NEL, LS and PS into line feeds, and SnakeYAML's emitter
     * writes them there raw: text holding one of them is written double-quoted (escaped) instead. So is
     * text holding U+FEFF, which {@link #write} then escapes.
     */
    private static void scalar(Emitter emitter, String text, DumperOptions.ScalarStyle style) throws IOException {
        boolean unsafeInBlock = style == DumperOptions.ScalarStyle.LITERAL
                && (text.indexOf('\u0085') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0);
        boolean bom = text.indexOf(BOM) >= 0;
        emitter.emit(new ScalarEvent(null, null, UNTAGGED, text,
                null, null, unsafeInBlock || bom ? DumperOptions.ScalarStyle.DOUBLE_QUOTED : style));
    }
}
