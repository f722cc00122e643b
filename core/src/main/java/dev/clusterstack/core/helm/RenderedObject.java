package dev.clusterstack.core.helm;

import java.util.Map;

/**
 * One object of {@code helm template} output.
 *
 * @param source the template file that produced it ({@code # Source:} comment, e.g. {@code chart/templates/cm.yaml}),
 *               or null when the document carried none
 * @param object the parsed object (unmodifiable maps and lists)
 */
public record RenderedObject(String source, Map<String, Object> object) {
}
