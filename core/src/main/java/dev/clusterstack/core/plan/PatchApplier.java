package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.plan.variables.Severity;
import dev.clusterstack.core.problem.Location;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a ClusterClass's inline patches in declared order to the {@link PatchItem}s, each patch seeing the result of
 * the previous ones: selectors matched, all {@code enabledIf} and {@code valueFrom.template} of the plan rendered in
 * one Go template batch ({@link GoTemplates}), JSON patches applied per definition, and failures reported as findings
 * located at the variables involved. External patches are reported as not evaluated.
 */
final class PatchApplier {
    private static final Pattern TOP_LEVEL_REF = Pattern.compile("(?<![\\w.$)\\]])\\.([A-Za-z_]\\w*)");
    private final PlanRun run;

    PatchApplier(PlanRun run) {
        this.run = run;
    }

    private record OpRef(int patch, int item, int definition, int op) {
    }

    void applyPatches(JsonNode patches, List<PatchItem> items) {
        List<GoTemplates.Job> jobs = new ArrayList<>();
        Map<String, Integer> enabledJobs = new LinkedHashMap<>();
        Map<OpRef, Integer> valueJobs = new LinkedHashMap<>();
        List<List<List<Integer>>> matches = new ArrayList<>();
        List<ObjectNode> itemData = new ArrayList<>();
        items.forEach(item -> itemData.add(PatchValues.data(item.variables)));
        for (int p = 0; p < patches.size(); p++) {
            JsonNode patch = patches.get(p);
            run.coverage.put(patchName(patch, p), new ArrayList<>());
            List<List<Integer>> perItem = new ArrayList<>();
            matches.add(perItem);
            for (int i = 0; i < items.size(); i++) {
                List<Integer> defs = new ArrayList<>();
                JsonNode definitions = patch.path("definitions");
                for (int d = 0; d < definitions.size(); d++) {
                    if (matchesSelector(items.get(i), definitions.get(d).path("selector"))) {
                        defs.add(d);
                    }
                }
                perItem.add(defs);
                if (defs.isEmpty() || patch.has("external")) {
                    continue;
                }
                ObjectNode data = itemData.get(i);
                int guard = -1;
                String enabledIf = patch.path("enabledIf").asText("");
                if (!enabledIf.isEmpty()) {
                    guard = jobs.size();
                    jobs.add(new GoTemplates.Job(enabledIf, data, -1));
                    enabledJobs.put(p + "/" + i, guard);
                }
                for (int d : defs) {
                    JsonNode ops = definitions.get(d).path("jsonPatches");
                    for (int o = 0; o < ops.size(); o++) {
                        JsonNode from = ops.get(o).path("valueFrom");
                        String template = from.path("template").asText("");
                        if (!template.isEmpty() && from.path("variable").asText("").isEmpty()
                                && !ops.get(o).has("value")) {
                            valueJobs.put(new OpRef(p, i, d, o), jobs.size());
                            jobs.add(new GoTemplates.Job(template, data, guard));
                        }
                    }
                }
            }
        }
        List<GoTemplates.Result> results = jobs.isEmpty() ? List.of() : GoTemplates.render(jobs, run.options.workDir());

        for (int p = 0; p < patches.size(); p++) {
            JsonNode patch = patches.get(p);
            String name = patchName(patch, p);
            String patchField = run.ccName + " spec.patches[" + name + "]";
            if (patch.has("external")) {
                run.findings.add(new Finding(Severity.NOT_EVALUATED, run.at(run.classField), patchField, null, name,
                        "external patch (runtime extension " + patch.path("external").path("generatePatchesExtension")
                                .asText(patch.path("external").path("generateExtension").asText("?"))
                                + "): not evaluated offline"));
                continue;
            }
            if (!patch.path("definitions").isArray() || patch.path("definitions").isEmpty()) {
                run.findings.add(new Finding(Severity.ERROR, run.at(run.classField), patchField, null, name,
                        "the patch has neither definitions nor external"));
                continue;
            }
            for (int i = 0; i < items.size(); i++) {
                List<Integer> defs = matches.get(p).get(i);
                if (defs.isEmpty()) {
                    continue;
                }
                PatchItem item = items.get(i);
                Integer e = enabledJobs.get(p + "/" + i);
                if (e != null) {
                    GoTemplates.Result r = results.get(e);
                    if (r.output() == null) {
                        templateFinding(r, item, name, patchField + ".enabledIf", patch.path("enabledIf").asText());
                        continue;
                    }
                    if (!GoTemplates.isTrue(r.output())) {
                        continue;
                    }
                }
                run.coverage.get(name).add(item.role);
                for (int d : defs) {
                    applyDefinition(patch, p, d, i, item, name, patchField, results, valueJobs);
                }
            }
        }
    }

    void applyDefinition(JsonNode patch, int p, int d, int i, PatchItem item, String name, String patchField,
                         List<GoTemplates.Result> results, Map<OpRef, Integer> valueJobs) {
        JsonNode ops = patch.path("definitions").get(d).path("jsonPatches");
        String defField = patchField + ".definitions[" + d + "]";
        List<JsonNode> values = new ArrayList<>();
        for (int o = 0; o < ops.size(); o++) {
            JsonNode op = ops.get(o);
            String opField = defField + ".jsonPatches[" + o + "]";
            int oi = o;
            try {
                values.add(PatchValues.calculateValue(op, item.variables, t -> results.get(valueJobs.get(new OpRef(p, i, d, oi)))));
            } catch (PatchValues.ValueException e) {
                if (e.result != null) {
                    templateFinding(e.result, item, name, opField + ".valueFrom.template",
                            op.path("valueFrom").path("template").asText());
                } else {
                    String template = op.path("valueFrom").path("template").asText("");
                    opError(item, name, opField, e.getMessage() + (template.isEmpty() ? "" : involved(template, item)),
                            e.variable);
                }
                return;
            }
        }
        JsonNode doc = item.template.deepCopy();
        for (int o = 0; o < ops.size(); o++) {
            JsonNode op = ops.get(o);
            try {
                doc = JsonPatch.apply(doc, op.path("op").asText(), op.path("path").asText(null),
                        values.get(o) == null ? NullNode.getInstance() : values.get(o));
            } catch (JsonPatch.PatchException ex) {
                opError(item, name, defField + ".jsonPatches[" + o + "]", "failed to apply patch: " + ex.getMessage()
                        + " (the definition's patches are not applied)", null);
                return;
            }
        }
        PatchValues.keepSpecAndMetadata(item.template, doc);
    }

    void opError(PatchItem item, String patch, String field, String message, String variable) {
        Location location = variable == null ? run.at(run.classField) : variableLocation(item, variable);
        String values = variable == null ? "" : involvedValue(item, variable);
        run.findings.add(new Finding(Severity.ERROR, location, field, item.role, patch, message + values));
    }

    void templateFinding(GoTemplates.Result r, PatchItem item, String patch, String field, String template) {
        String first = firstReferenced(template, item);
        Location location = first == null ? run.at(run.classField) : variableLocation(item, first);
        String message = (r.notEvaluated() ? "" : "failed to render template " + PlanText.quote(template) + ": ")
                + r.error() + involved(template, item);
        run.findings.add(new Finding(r.notEvaluated() ? Severity.NOT_EVALUATED : Severity.ERROR, location, field,
                item.role, patch, message));
    }

    Location variableLocation(PatchItem item, String variable) {
        String overridden = item.variableField + "[" + variable + "]";
        if (!item.variableField.equals("spec.topology.variables")
                && !run.at(overridden).equals(run.at(item.variableField))) {
            return run.at(overridden);
        }
        Location l = run.at("spec.topology.variables[" + variable + "]");
        return l.equals(run.file.location("spec.topology.variables")) && !variable.equals("builtin")
                ? run.at("spec.topology.variables") : l;
    }

    String firstReferenced(String template, PatchItem item) {
        Matcher m = TOP_LEVEL_REF.matcher(template);
        while (m.find()) {
            if (item.variables.containsKey(m.group(1))) {
                return m.group(1);
            }
        }
        return null;
    }

    /** The values of the variables a template refers to, for messages. */
    String involved(String template, PatchItem item) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TOP_LEVEL_REF.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        if (names.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            JsonNode v = item.variables.get(n);
            parts.add(n + (v == null ? " (not set)" : "=" + PlanText.compact(v)));
        }
        return "; variables: " + String.join(", ", parts);
    }

    String involvedValue(PatchItem item, String variable) {
        JsonNode v = item.variables.get(variable);
        return "; variables: " + variable + (v == null ? " (not set)" : "=" + PlanText.compact(v));
    }

    boolean matchesSelector(PatchItem item, JsonNode selector) {
        if (!selector.path("apiVersion").asText("").equals(item.template.path("apiVersion").asText())
                || !selector.path("kind").asText("").equals(item.template.path("kind").asText())) {
            return false;
        }
        JsonNode match = selector.path("matchResources");
        if (match.path("infrastructureCluster").asBoolean(false) && item.role.equals("infrastructure-cluster")) {
            return true;
        }
        if (match.path("controlPlane").asBoolean(false)
                && (item.role.equals("control-plane") || item.role.equals("control-plane-machine-template"))) {
            return true;
        }
        if (match.has("machineDeploymentClass") && item.mdClass != null) {
            for (JsonNode n : match.path("machineDeploymentClass").path("names")) {
                String name = n.asText();
                if (name.equals("*") || name.equals(item.mdClass)
                        || name.startsWith("*") && item.mdClass.endsWith(name.substring(1))
                        || name.endsWith("*") && item.mdClass.startsWith(name.substring(0, name.length() - 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    static String patchName(JsonNode patch, int index) {
        String n = patch.path("name").asText("");
        return n.isEmpty() ? "#" + index : n;
    }
}
