package dev.clusterstack.core.feature;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates Go templates with real Go text/template + sprig semantics by letting Helm render them:
 * each template becomes {@code {{ define "tN" }}{{ with .Values }}<template>{{ end }}{{ end }}} in a
 * throwaway chart, captured with {@code include} and emitted as a JSON string (so any output, also
 * a bare {@code true}, survives Helm's manifest parsing byte for byte). The data is passed as the
 * values file, so inside the template {@code .} is the data map, as Cluster API and the operator
 * pass it.
 *
 * <p>Differences to Cluster API / the operator, none of which the features rely on: Helm adds its own
 * functions (toYaml, include, tpl, required, lookup, ...; {@link #HELM_ONLY} lists them, tests refuse
 * templates that use them), renders missing map keys as "" instead of "&lt;no value&gt;", and {@code $}
 * is Helm's root object (the features' templates never use bare {@code $}).
 */
final class HelmGoTemplates {
    static final List<String> HELM_ONLY = List.of("toYaml", "fromYaml", "fromYamlArray", "fromJsonArray", "toToml",
            "include", "tpl", "required", "lookup", "fromJson");
    private static final Pattern SOURCE = Pattern.compile("# Source: eval/templates/t(\\d+)\\.yaml\\n");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private HelmGoTemplates() {
    }

    /** Renders every template with the data; results in the same order. */
    static List<String> render(Path work, List<String> templates, Map<String, Object> data) {
        try {
            Path chart = Files.createTempDirectory(work, "eval");
            Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: eval\nversion: 0.1.0\n");
            Files.createDirectories(chart.resolve("templates"));
            for (int i = 0; i < templates.size(); i++) {
                for (String f : HELM_ONLY) {
                    if (Pattern.compile("\\b" + f + "\\b").matcher(templates.get(i)).find()
                            && templates.get(i).contains("{{")) {
                        throw new AssertionError("template uses the Helm-only function '" + f + "' that Cluster API"
                                + " and the operator do not have:\n" + templates.get(i));
                    }
                }
                Files.writeString(chart.resolve("templates/t" + i + ".yaml"),
                        "{{- define \"t" + i + "\" }}{{ with .Values }}" + templates.get(i) + "{{ end }}{{ end -}}\n"
                                + "out: {{ include \"t" + i + "\" . | toJson }}\n");
            }
            Path values = chart.resolve("data.json");
            Files.writeString(values, JSON.writeValueAsString(data));
            String out = new Helm(chart).template().withName("eval").withNamespace("ns").withValuesFile(values).call();
            String[] results = new String[templates.size()];
            Matcher m = SOURCE.matcher(out);
            List<int[]> starts = new ArrayList<>();
            while (m.find()) {
                starts.add(new int[]{Integer.parseInt(m.group(1)), m.end()});
            }
            for (int k = 0; k < starts.size(); k++) {
                int end = k + 1 < starts.size() ? out.lastIndexOf("---", starts.get(k + 1)[1]) : out.length();
                String doc = out.substring(starts.get(k)[1], end);
                @SuppressWarnings("unchecked")
                Map<String, Object> parsed = YAML.readValue(doc, Map.class);
                results[starts.get(k)[0]] = (String) parsed.get("out");
            }
            return List.of(results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders one template. */
    static String render(Path work, String template, Map<String, Object> data) {
        return render(work, List.of(template), data).get(0);
    }

    /** Cluster API's reading of a template's output: YAML, as a plain tree. */
    static Object yaml(String output) {
        try {
            return output.isBlank() ? null : YAML.readValue(output, Object.class);
        } catch (IOException e) {
            throw new AssertionError("template output is not YAML: " + e.getMessage() + "\n" + output, e);
        }
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
