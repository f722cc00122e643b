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
    private final Configuration configuration;
    private final Map<String, Template> cache = new HashMap<>();

    Interpolator() {
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

    /** Whether FreeMarker would treat the text as anything but literal. */
    static boolean needsInterpolation(String text) {
        return text.contains("[=") || text.contains("[#") || text.contains("[@");
    }

    /** Evaluates a text; a mistake in it is an {@link IllegalArgumentException} with FreeMarker's first message line. */
    String render(String name, String text, Map<String, Object> data) {
        try {
            Template t = cache.get(text);
            if (t == null) {
                t = new Template(name, new StringReader(text), configuration);
                cache.put(text, t);
            }
            StringWriter out = new StringWriter(text.length() + 64);
            t.process(data, out);
            return out.toString();
        } catch (ParseException e) {
            throw new IllegalArgumentException("template syntax: " + firstLine(e.getEditorMessage() != null
                    ? e.getEditorMessage() : e.getMessage()) + " (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + " of the text)");
        } catch (TemplateException e) {
            String first = firstLine(e.getMessageWithoutStackTop());
            String blamed = e.getBlamedExpressionString();
            throw new IllegalArgumentException("template evaluation: " + first
                    + (blamed != null && !first.contains(blamed) ? " " + blamed : "")
                    + (e.getLineNumber() != null ? " (line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + " of the text)" : ""));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage());
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
