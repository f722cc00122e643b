package dev.clusterstack.core.compat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variable rules: what makes Cluster API's re-validation of a cluster's variables against the new class fail
 * (or change its values). Nested schemas ({@code properties}, {@code items}, {@code additionalProperties}) are
 * walked; paths read {@code variable.property[*]{*}} ({@code [*]} an array item, {@code {*}} an additional property).
 */
final class VariableRules {

    private static final String[] LOWER_BOUNDS = {"minimum", "minLength", "minItems", "minProperties"};
    private static final String[] UPPER_BOUNDS = {"maximum", "maxLength", "maxItems", "maxProperties"};
    private static final String[] FLAGS = {"exclusiveMinimum", "exclusiveMaximum", "uniqueItems"};
    private static final String[] PATTERNS = {"pattern", "format"};

    private VariableRules() {
    }

    static List<Hit> compare(Map<String, ClassView.Variable> current, Map<String, ClassView.Variable> desired) {
        List<Hit> hits = new ArrayList<>();
        for (ClassView.Variable c : current.values()) {
            ClassView.Variable d = desired.get(c.name());
            if (d == null) {
                hits.add(new Hit(Rule.VARIABLE_REMOVED, c.name(), "variable " + c.name() + " is removed; clusters that"
                        + " set it fail with \"variable is not defined\""));
                continue;
            }
            if (d.required() && !c.required() && !d.schema().has("default")) {
                hits.add(new Hit(Rule.VARIABLE_REQUIRED, c.name(), "variable " + c.name() + " became required and has"
                        + " no default"));
            }
            schema(c.schema(), d.schema(), c.name(), hits);
        }
        for (ClassView.Variable d : desired.values()) {
            if (!current.containsKey(d.name()) && d.required() && !d.schema().has("default")) {
                hits.add(new Hit(Rule.VARIABLE_REQUIRED, d.name(), "new variable " + d.name() + " is required and has no"
                        + " default; existing clusters do not set it"));
            }
        }
        return hits;
    }

    /** Compares one schema level and the levels below it. */
    static void schema(JsonNode c, JsonNode d, String path, List<Hit> hits) {
        String ct = c.path("type").asText("");
        String dt = d.path("type").asText("");
        if (!ct.equals(dt) && !dt.isEmpty()) {
            hits.add(new Hit(Rule.TYPE_CHANGED, path, "type changed from " + (ct.isEmpty() ? "any" : ct) + " to " + dt));
            return;
        }
        enums(c, d, path, hits);
        for (String key : LOWER_BOUNDS) {
            if (d.has(key) && (!c.has(key) || d.get(key).decimalValue().compareTo(c.get(key).decimalValue()) > 0)) {
                hits.add(new Hit(Rule.BOUNDS_TIGHTENED, path, key + " " + was(c, key) + " is now " + d.get(key)));
            }
        }
        for (String key : UPPER_BOUNDS) {
            if (d.has(key) && (!c.has(key) || d.get(key).decimalValue().compareTo(c.get(key).decimalValue()) < 0)) {
                hits.add(new Hit(Rule.BOUNDS_TIGHTENED, path, key + " " + was(c, key) + " is now " + d.get(key)));
            }
        }
        for (String key : FLAGS) {
            if (d.path(key).asBoolean(false) && !c.path(key).asBoolean(false)) {
                hits.add(new Hit(Rule.BOUNDS_TIGHTENED, path, key + " is now true"));
            }
        }
        for (String key : PATTERNS) {
            if (d.has(key) && !d.get(key).equals(c.get(key))) {
                hits.add(new Hit(Rule.BOUNDS_TIGHTENED, path, key + " " + was(c, key) + " is now " + d.get(key)));
            }
        }
        if (!d.path("default").equals(c.path("default"))) {
            hits.add(new Hit(Rule.DEFAULT_CHANGED, path, "default " + was(c, "default") + " is now "
                    + (d.has("default") ? d.get("default").toString() : "absent")));
        }
        Set<String> rules = new LinkedHashSet<>();
        c.path("x-kubernetes-validations").forEach(v -> rules.add(v.path("rule").asText()));
        for (JsonNode v : d.path("x-kubernetes-validations")) {
            if (!rules.contains(v.path("rule").asText())) {
                hits.add(new Hit(Rule.VALIDATION_ADDED, path, "x-kubernetes-validations rule " + v.path("rule")
                        + " is added"));
            }
        }
        properties(c, d, path, hits);
        if (c.has("items") && d.has("items")) {
            schema(c.get("items"), d.get("items"), path + "[*]", hits);
        }
        JsonNode ca = c.path("additionalProperties");
        JsonNode da = d.path("additionalProperties");
        if (ca.isObject() && da.isObject()) {
            schema(ca, da, path + "{*}", hits);
        } else if ((ca.isObject() || ca.asBoolean(false)) && !(da.isObject() || da.asBoolean(false))
                && !d.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            hits.add(new Hit(Rule.VARIABLE_REMOVED, path + "{*}", "additional properties are no longer allowed"));
        }
    }

    private static void properties(JsonNode c, JsonNode d, String path, List<Hit> hits) {
        JsonNode cp = c.path("properties");
        JsonNode dp = d.path("properties");
        boolean preserve = d.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<String> it = cp.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (dp.has(name)) {
                schema(cp.get(name), dp.get(name), path + "." + name, hits);
            } else if (!preserve && !d.path("additionalProperties").isObject() && !d.path("additionalProperties").asBoolean(false)) {
                hits.add(new Hit(Rule.VARIABLE_REMOVED, path + "." + name, "property " + name + " is removed; clusters"
                        + " that set it fail validation"));
            }
        }
        Set<String> wasRequired = new LinkedHashSet<>();
        c.path("required").forEach(r -> wasRequired.add(r.asText()));
        for (JsonNode r : d.path("required")) {
            String name = r.asText();
            if (!wasRequired.contains(name) && !dp.path(name).has("default")) {
                hits.add(new Hit(Rule.VARIABLE_REQUIRED, path + "." + name, "property " + name + " is now required and"
                        + " has no default"));
            }
        }
    }

    private static void enums(JsonNode c, JsonNode d, String path, List<Hit> hits) {
        if (!d.has("enum")) {
            return;
        }
        Set<JsonNode> allowed = new LinkedHashSet<>();
        d.get("enum").forEach(allowed::add);
        if (!c.has("enum")) {
            hits.add(new Hit(Rule.ENUM_NARROWED, path, "an enum is added: only " + d.get("enum") + " are allowed now"));
            return;
        }
        List<String> removed = new ArrayList<>();
        for (JsonNode v : c.get("enum")) {
            if (!allowed.contains(v)) {
                removed.add(v.toString());
            }
        }
        if (!removed.isEmpty()) {
            hits.add(new Hit(Rule.ENUM_NARROWED, path, "enum values " + String.join(", ", removed) + " are removed"));
        }
    }

    private static String was(JsonNode c, String key) {
        return c.has(key) ? "was " + c.get(key) : "was absent";
    }
}
