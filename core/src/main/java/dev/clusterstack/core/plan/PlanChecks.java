package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.crd.SchemaViolation;
import dev.clusterstack.core.plan.variables.Severity;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks on the planned objects: each validated against its CRD when known (warned once per kind when not), and
 * every string scanned for {@code <no value>} or a Go template action left unrendered.
 */
final class PlanChecks {
    /** A Go template action ({{ .x }}, {{ $x }}, {{ if / range / with / include ...), not cloud-init's {{ local_hostname }}. */
    private static final Pattern GO_ACTION = Pattern.compile("\\{\\{-?\\s*(?:[.$(]|(?:if|range|with|end|else|include|template|printf|default)\\b)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PlanRun run;

    PlanChecks(PlanRun run) {
        this.run = run;
    }

    void check() {
        for (Map.Entry<String, ObjectNode> e : run.objects.entrySet()) {
            String role = e.getKey();
            ObjectNode o = e.getValue();
            if (run.options.crds() != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> plain = JSON.convertValue(o, Map.class);
                Optional<List<SchemaViolation>> violations = run.options.crds().validateIfKnown(plain);
                if (violations.isEmpty()) {
                    if (run.warnedNoCrd.add(o.path("apiVersion").asText() + " " + o.path("kind").asText())) {
                        run.findings.add(new Finding(Severity.WARNING, run.at(run.classField), role, role, null,
                                "no CRD for " + o.path("kind").asText() + " (" + o.path("apiVersion").asText() + "): not validated"));
                    }
                } else {
                    for (SchemaViolation v : violations.get()) {
                        run.findings.add(new Finding(Severity.ERROR, run.at(run.classField), role + " " + (v.path().isEmpty() ? "/"
                                : v.path()), role, null, "the planned " + v.kind() + " does not match its CRD: "
                                + v.message()));
                    }
                }
            }
            scanStrings(o, "", role);
        }
    }

    void scanStrings(JsonNode node, String pointer, String role) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                scanStrings(e.getValue(), pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), role);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scanStrings(node.get(i), pointer + "/" + i, role);
            }
        } else if (node.isTextual()) {
            String s = node.asText();
            if (s.contains("<no value>") || GO_ACTION.matcher(s).find()) {
                run.findings.add(new Finding(Severity.WARNING, run.at(run.classField), role + " " + pointer, role, null,
                        "the planned value still holds " + (s.contains("<no value>") ? "<no value> (a template read"
                                + " a missing key)" : "a Go template action (an unrendered template?)") + ": " + PlanText.quote(PlanText.abbreviate(s))));
            }
        }
    }
}
