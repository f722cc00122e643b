package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.List;
import java.util.Map;

/**
 * The value of one JSON patch operation as Cluster API computes it ({@code value}, {@code valueFrom.variable} or a
 * rendered {@code valueFrom.template} read as YAML), the template data of a patch item, and what of a patched
 * template the controller keeps.
 */
final class PatchValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PatchValues() {
    }

    /** Why a JSON patch value cannot be calculated; {@code result}: a failed template, {@code variable}: the variable. */
    static final class ValueException extends Exception {
        private static final long serialVersionUID = 1L;
        final transient GoTemplates.Result result;
        final String variable;

        ValueException(String message, GoTemplates.Result result, String variable) {
            super(message, null, false, false);
            this.result = result;
            this.variable = variable;
        }
    }

    /**
     * The value of one JSON patch operation as Cluster API's calculateValue computes it: {@code value},
     * {@code valueFrom.variable} or the YAML-parsed output of {@code valueFrom.template} (rendered by
     * {@code render}); null for {@code remove}.
     */
    static JsonNode calculateValue(JsonNode op, Map<String, JsonNode> variables,
                                   java.util.function.Function<String, GoTemplates.Result> render) throws ValueException {
        String kind = op.path("op").asText();
        if (!kind.equals("add") && !kind.equals("replace")) {
            return null;
        }
        JsonNode from = op.get("valueFrom");
        boolean hasValue = op.has("value");
        if (!hasValue && from == null) {
            throw new ValueException("failed to calculate value: neither .value nor .valueFrom are set", null, null);
        }
        if (hasValue && from != null) {
            throw new ValueException("failed to calculate value: both .value and .valueFrom are set", null, null);
        }
        if (hasValue) {
            return op.get("value");
        }
        String variable = from.path("variable").asText("");
        String template = from.path("template").asText("");
        if (variable.isEmpty() == template.isEmpty()) {
            throw new ValueException("failed to calculate value: .valueFrom is set, but " + (variable.isEmpty()
                    ? "neither .valueFrom.variable nor .valueFrom.template are set"
                    : "both .valueFrom.variable and .valueFrom.template are set"), null, null);
        }
        if (!variable.isEmpty()) {
            try {
                return VariablePath.get(variables, variable);
            } catch (VariablePath.NotFound e) {
                throw new ValueException("failed to calculate value: " + e.getMessage(), null,
                        variable.split("[.\\[]")[0]);
            }
        }
        GoTemplates.Result r = render.apply(template);
        if (r.output() == null) {
            throw new ValueException(r.error(), r, null);
        }
        return parseTemplateOutput(r.output());
    }

    /** A template's output read as Cluster API reads it: YAML (or JSON) into a JSON value; empty is null. */
    static JsonNode parseTemplateOutput(String output) throws ValueException {
        if (output.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            // JSON first: it is YAML too, and Go's YAML reader takes tabs in JSON text that snakeyaml refuses
            return JSON.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(output);
        } catch (java.io.IOException notJson) {
            // YAML then
        }
        try {
            JsonNode parsed = YAML.readTree(output);
            return parsed == null || parsed.isMissingNode() ? NullNode.getInstance() : parsed;
        } catch (java.io.IOException ex) {
            throw new ValueException("failed to unmarshal rendered template: " + PlanText.quote(output) + ": "
                    + ex.getMessage().lines().findFirst().orElse(""), null, null);
        }
    }

    static ObjectNode data(Map<String, JsonNode> variables) {
        ObjectNode data = NODES.objectNode();
        variables.forEach(data::set);
        return data;
    }

    static void keepSpecAndMetadata(ObjectNode template, JsonNode patched) {
        if (patched.has("spec")) {
            template.set("spec", patched.get("spec").deepCopy());
        } else {
            template.remove("spec");
        }
        ObjectNode meta = template.with("metadata");
        for (String f : List.of("labels", "annotations")) {
            JsonNode v = patched.path("metadata").get(f);
            if (v == null) {
                meta.remove(f);
            } else {
                meta.set(f, v.deepCopy());
            }
        }
    }
}
