package dev.clusterstack.core.definition;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A text whose only FreeMarker is {@code [=name.path]} to strings is filled without FreeMarker, to the
 * same text FreeMarker gives; every other text is left to FreeMarker. Checked against real FreeMarker.
 */
class InterpolatorNamePathTest {

    private static Map<String, Object> data() {
        Map<String, Object> kubernetes = new LinkedHashMap<>();
        kubernetes.put("tag", "v1.32.5");
        kubernetes.put("minor", 32);
        kubernetes.put("minorDash", "1-32");
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("name", "openstack");
        identity.put("empty", "");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("identityRef", identity);
        values.put("lb", true);
        values.put("none", "null");
        values.put("list", List.of("a", "b"));
        values.put("braces", "[=kubernetes.tag] ${x} {{ .y }}");
        values.put("missing", null);
        values.put("true", "reserved word");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kubernetes", kubernetes);
        data.put("values", values);
        data.put("nodeImage", "");
        return data;
    }

    @Test
    void namePathsToStringsAreFilledAsFreeMarkerFillsThem() {
        Map<String, Object> data = data();
        assertEquals("image-v1.32.5-1-32", Interpolator.fillNamePaths("image-[=kubernetes.tag]-[=kubernetes.minorDash]", data));
        assertEquals("[=kubernetes.tag] ${x} {{ .y }}", Interpolator.fillNamePaths("[=values.braces]", data),
                "an inserted string is not read again");
        assertEquals("openstack/", Interpolator.fillNamePaths("[=values.identityRef.name]/[=values.identityRef.empty]", data));
        assertEquals("#{a} ${b} <#if x>] [", Interpolator.fillNamePaths("#{a} ${b} <#if x>] [", data));
    }

    @Test
    void anythingElseIsLeftToFreeMarker() {
        Map<String, Object> data = data();
        for (String text : List.of("[=kubernetes.minor]", "[=values.lb]", "[=values.list]", "[=values.missing]",
                "[=values.nothere]", "[=values.true]", "[= kubernetes.tag]", "[=kubernetes.tag?upper_case]",
                "[=kubernetes.tag!]", "[=values.identityRef]", "[=kubernetes['tag']]", "[=kubernetes.tag",
                "[#if true]x[/#if] [=kubernetes.tag]", "[@x/] [=kubernetes.tag]", "[/#if] [=kubernetes.tag]",
                "[=.now]", "[=nodeImage.x]", "[=kubernetes.tag]\n  ", "[=kubernetes.tag] ", "[=kubernetes.tag]\r")) {
            assertNull(Interpolator.fillNamePaths(text, data), text);
        }
    }

    @Test
    void theResultIsFreeMarkersForRandomTexts() {
        String[] pieces = {"[=kubernetes.tag]", "[=kubernetes.minor]", "[=values.identityRef.name]", "[=values.none]",
                "[=values.braces]", "[=nodeImage]", "[=values.identityRef.empty]", "${x}", "#{y}", "{{ .z }}", "]", "[",
                "[=", "=", "\n", "\r\n", "\r", " ", "\t", "\u00a0", "\u0001", "text", "<#if a>", "</#if>", "\"", "'", "\\", "é", "[x]", "$[", "[[=kubernetes.tag]]"};
        Random random = new Random(7);
        Interpolator interpolator = new Interpolator();
        Map<String, Object> data = data();
        List<String> filled = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(7); n >= 0; n--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = b.toString();
            String direct = Interpolator.fillNamePaths(text, data);
            if (direct == null) {
                continue;
            }
            filled.add(text);
            assertEquals(interpolator.renderWithFreeMarker("t", text, data), direct, text);
            if (DefinitionInterpolation.isSingleInterpolation(text)) {
                assertEquals("true", interpolator.renderWithFreeMarker("t", "[=(" + text.substring(2, text.length() - 1)
                        + ")?is_string?c]", data), text);
                assertTrue(interpolator.isString(text, data), text);
            }
        }
        assertTrue(filled.size() > 500, "too few texts without FreeMarker: " + filled.size());
    }

    @Test
    void aMissingValueIsStillFreeMarkersError() {
        Interpolator interpolator = new Interpolator();
        Interpolator.TemplateProblem problem = assertThrows(Interpolator.TemplateProblem.class,
                () -> interpolator.render("t", "a [=values.nothere]", data()));
        assertTrue(problem.getMessage().contains("'values.nothere' is null or missing"), problem.getMessage());
    }
}
