package dev.clusterstack.core.definition;

import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * FreeMarker with square-bracket syntax ({@code [=kubernetes.version]}, {@code [#if ...]}), so
 * shell {@code ${VAR}}, Helm and Go {@code {{ }}} and cloud-init placeholders pass through untouched.
 * Deterministic: root locale, UTC, computer number format. Parsed templates are cached per text.
 */
final class Interpolator {
    /** Made on the first text to render: a stack without interpolation never loads FreeMarker. */
    private Engine engine;

    /**
     * Whether the text holds FreeMarker: an interpolation {@code [=} or a directive {@code [#}. A
     * {@code [@} alone (a shell {@code "${ARGS[@]}"}) is no reason to evaluate a text: without a
     * {@code [#macro]} there is nothing it could call.
     */
    static boolean needsInterpolation(String text) {
        return text.contains("[=") || text.contains("[#");
    }

    /**
     * Whether a text that is exactly one interpolation ({@code [=expression]}) evaluates to a string,
     * as opposed to a number or a boolean: such a value keeps the string type whatever it reads like.
     */
    boolean isString(String singleInterpolation, Map<String, Object> data) {
        String expression = singleInterpolation.substring(2, singleInterpolation.length() - 1);
        if (lookup(expression, data) instanceof String) {
            return true;
        }
        return render("type probe", "[=(" + expression + ")?is_string?c]", data).equals("true");
    }

    /** A name path FreeMarker reads as keys of nested hashes: {@code values.identityRef.name}. */
    private static final java.util.regex.Pattern NAME_PATH = java.util.regex.Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    /** Words FreeMarker's expressions reserve ({@code true}, {@code gt}, ...): never read as keys here. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("true", "false", "gt", "gte", "lt", "lte",
            "as", "in", "using");

    /**
     * The string a name path leads to through the data's maps, or {@code null} when it leads to anything
     * else, to nothing, or is no plain name path: then only FreeMarker can tell what it means.
     */
    private static Object lookup(String expression, Map<String, Object> data) {
        if (!NAME_PATH.matcher(expression).matches()) {
            return null;
        }
        Object value = data;
        for (String key : expression.split("\\.")) {
            if (RESERVED.contains(key) || !(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(key);
        }
        return value instanceof String ? value : null;
    }

    /**
     * The text with every {@code [=name.path]} replaced by the string it names, as FreeMarker writes it,
     * or {@code null} if the text holds anything else FreeMarker would read (a tag, an expression, a path
     * to a number, a missing value) or ends in white space other than a line feed (which FreeMarker may
     * strip): most stacks only insert strings, and need no FreeMarker for that.
     */
    static String fillNamePaths(String text, Map<String, Object> data) {
        if (text.contains("[#") || text.contains("[@") || text.contains("[/")) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        int from = 0;
        for (int start = text.indexOf("[=", from); start >= 0; start = text.indexOf("[=", from)) {
            int end = text.indexOf(']', start);
            Object value = end < 0 ? null : lookup(text.substring(start + 2, end), data);
            if (value == null) {
                return null;
            }
            out.append(text, from, start).append((String) value);
            from = end + 1;
        }
        // FreeMarker drops the white space of a last line after an interpolation ("[=a]\n  " gives "v\n")
        char last = text.isEmpty() ? 'x' : text.charAt(text.length() - 1);
        if (last <= ' ' && last != '\n') {
            return null;
        }
        out.append(text, from, text.length());
        return out.length() > MAX_OUTPUT_CHARS ? null : out.toString();
    }

    /** A {@code [#} that starts none of FreeMarker's directives nor a comment: likely meant as text. */
    private static final java.util.regex.Pattern LITERAL_HASH_TAG = java.util.regex.Pattern.compile("\\[#(?!--|/|(if|else|elseif"
            + "|list|items|sep|assign|local|global|noparse|ftl|compress|switch|case|on|default|break|continue|return"
            + "|function|macro|nested|include|import|attempt|recover|setting|stop|t|lt|rt|nt|outputformat|autoesc"
            + "|noautoesc|visit|recurse|fallback|flush|escape|noescape)\\b)");

    /** Said with a syntax error of a text that holds {@code [#} or {@code [@} (shell arrays, regular expressions). */
    static final String BRACKET_HINT = "; FreeMarker reads '[#' and '[@' as the start of its own tags (a shell"
            + " \"${ARGS[@]}\" too): keep such text as text with [#noparse]...[/#noparse] around it";

    /** The most a text may expand to, in characters: as much as a stack file may hold. */
    static final long MAX_OUTPUT_CHARS = YamlSource.MAX_FILE_BYTES;

    /** A mistake in a template, with its line and column in the text (1-based; 0 when unknown). */
    static final class TemplateProblem extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;
        /** Whether a syntax error may come from a literal {@code [#} or {@code [@} (the message says so). */
        final boolean bracketTag;

        TemplateProblem(String message, Integer line, Integer column) {
            this(message, line, column, false);
        }

        TemplateProblem(String message, Integer line, Integer column, boolean bracketTag) {
            super(message);
            this.line = line == null ? 0 : line;
            this.column = column == null ? 0 : column;
            this.bracketTag = bracketTag;
        }
    }

    /**
     * Evaluates a text; a mistake in it is a {@link TemplateProblem} with FreeMarker's first message line
     * and where in the text it is. Runaway templates are stopped: output beyond {@link #MAX_OUTPUT_CHARS},
     * endless recursion, and (through FreeMarker's interruption checks) a thread that is interrupted.
     */
    String render(String name, String text, Map<String, Object> data) {
        String filled = fillNamePaths(text, data);
        return filled != null ? filled : renderWithFreeMarker(name, text, data);
    }

    /** {@link #render} by FreeMarker alone. */
    String renderWithFreeMarker(String name, String text, Map<String, Object> data) {
        if (engine == null) {
            engine = new Engine();
        }
        return engine.render(name, text, data);
    }

    /**
     * FreeMarker itself, in a class of its own: the JVM loads FreeMarker's classes when it links a class
     * that uses them, so only a stack that needs interpolation links this one.
     */
    private static final class Engine {
        private final Configuration configuration;
        private final Map<String, Template> cache = new HashMap<>();

        Engine() {
            configuration = new Configuration(Configuration.VERSION_2_3_34);
            configuration.setTagSyntax(Configuration.SQUARE_BRACKET_TAG_SYNTAX);
            configuration.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
            configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
            configuration.setLogTemplateExceptions(false);
            configuration.setWrapUncheckedExceptions(true);
            configuration.setFallbackOnNullLoopVariable(false);
            configuration.setLocale(Locale.ROOT);
            configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
            configuration.setNumberFormat("computer");
            configuration.setBooleanFormat("c");
            configuration.setDefaultEncoding("UTF-8");
            configuration.setAPIBuiltinEnabled(false);
            configuration.setNewBuiltinClassResolver(freemarker.core.TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        }

        String render(String name, String text, Map<String, Object> data) {
            try {
                Template t = cache.get(text);
                if (t == null) {
                    t = new Template(name, new StringReader(text), configuration);
                    freemarker.core._CoreAPI.addThreadInterruptedChecks(t);
                    cache.put(text, t);
                }
                StringWriter out = new StringWriter(Math.min(text.length() + 64, 1 << 16));
                t.process(data, new LimitedWriter(out, MAX_OUTPUT_CHARS));
                return out.toString();
            } catch (ParseException e) {
                boolean bracketTag = text.contains("[@") || LITERAL_HASH_TAG.matcher(text).find();
                // FreeMarker lists what it expected on the lines that follow: keep the first line's own words
                String first = firstLine(e.getEditorMessage() != null ? e.getEditorMessage() : e.getMessage())
                        .replaceFirst(",? but was expecting (one of these patterns|one of):?$", "");
                throw new TemplateProblem("template syntax: " + first + " (line " + e.getLineNumber() + ", column "
                        + e.getColumnNumber() + " of the text)" + (bracketTag ? BRACKET_HINT : ""),
                        e.getLineNumber(), e.getColumnNumber(), bracketTag);
            } catch (TemplateException e) {
                if (e.getCause() instanceof OutputLimitReached) {
                    throw tooLong(e.getLineNumber(), e.getColumnNumber());
                }
                String blamed = e.getBlamedExpressionString();
                String message = e instanceof freemarker.core.InvalidReferenceException && blamed != null
                        ? "'" + blamed + "' is null or missing" : firstLine(e.getMessageWithoutStackTop());
                throw new TemplateProblem("template evaluation: " + message + where(e.getLineNumber(), e.getColumnNumber()),
                        e.getLineNumber(), e.getColumnNumber());
            } catch (OutputLimitReached e) {
                throw tooLong(null, null);
            } catch (IOException e) {
                throw new TemplateProblem("template: " + e.getMessage(), null, null);
            } catch (StackOverflowError e) {
                throw new TemplateProblem("template evaluation: calls nest too deep (a function or macro that calls"
                        + " itself without end?)", null, null);
            }
        }
    }

    private static TemplateProblem tooLong(Integer line, Integer column) {
        return new TemplateProblem("template evaluation: the result is longer than " + MAX_OUTPUT_CHARS
                + " characters (a runaway loop?)" + where(line, column), line, column);
    }

    private static String where(Integer line, Integer column) {
        return line == null ? "" : " (line " + line + (column == null ? "" : ", column " + column) + " of the text)";
    }

    /** Thrown by {@link LimitedWriter} when a template writes more than it may. */
    private static final class OutputLimitReached extends IOException {
        private static final long serialVersionUID = 1L;

        OutputLimitReached() {
            super("output limit reached", null);
        }
    }

    /** A writer that refuses to grow beyond a limit. */
    private static final class LimitedWriter extends java.io.Writer {
        private final StringWriter out;
        private final long limit;
        private long written;

        LimitedWriter(StringWriter out, long limit) {
            this.out = out;
            this.limit = limit;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            written += len;
            if (written > limit) {
                throw new OutputLimitReached();
            }
            out.write(buf, off, len);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            written += len;
            if (written > limit) {
                throw new OutputLimitReached();
            }
            out.write(str, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).strip();
    }
}
