package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of the desired objects: Cluster API's default naming ({@code <cluster>-<random>}, machine deployments
 * {@code <cluster>-<topology>-<random>}) and the class's custom naming templates, which are Go text/template without
 * sprig run with {@code missingkey=error}, rendered by Go in one batch.
 */
final class ObjectNames {
    static final String DEFAULT_NAME = "{{ .cluster.name }}-{{ .random }}";
    static final String DEFAULT_MD_NAME = "{{ .cluster.name }}-{{ .machineDeployment.topologyName }}-{{ .random }}";
    private static final Pattern IDENT = Pattern.compile("(?<![.$\\w])([A-Za-z_]\\w*)");
    private static final Set<String> GO_BUILTINS = Set.of("and", "call", "html", "index", "slice", "js", "len", "not",
            "or", "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne", "if", "else", "end",
            "range", "with", "define", "template", "block", "break", "continue", "nil", "true", "false");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final PlanRun run;

    ObjectNames(PlanRun run) {
        this.run = run;
    }

    /** Naming job: role, naming template, machine deployment topology name (or null), the template's class field. */
    void names(List<String[]> jobs, String random, Map<String, String> names) {
        List<GoTemplates.Job> custom = new ArrayList<>();
        List<String[]> customJobs = new ArrayList<>();
        for (String[] j : jobs) {
            String role = j[0];
            String template = j[1];
            String topologyName = j[2];
            if (template.equals(DEFAULT_NAME)) {
                names.put(role, truncate(run.clusterName + "-" + random, random));
            } else if (template.equals(DEFAULT_MD_NAME)) {
                names.put(role, truncate(run.clusterName + "-" + topologyName + "-" + random, random));
            } else {
                String function = nonBuiltinFunction(template);
                if (function != null) {
                    run.classError(j[3], role, "naming template " + PlanText.quote(template) + ": function \""
                            + function + "\" not defined (naming templates are Go text/template without sprig)");
                    names.put(role, truncate(run.clusterName + "-" + random, random));
                    continue;
                }
                ObjectNode data = NODES.objectNode();
                data.putObject("cluster").put("name", run.clusterName);
                data.put("random", random);
                if (topologyName != null) {
                    data.putObject("machineDeployment").put("topologyName", topologyName);
                }
                custom.add(new GoTemplates.Job(template, data, -1));
                customJobs.add(j);
            }
        }
        if (custom.isEmpty()) {
            return;
        }
        List<GoTemplates.Result> results = GoTemplates.render(custom, run.options.workDir());
        for (int k = 0; k < custom.size(); k++) {
            String[] j = customJobs.get(k);
            GoTemplates.Result r = results.get(k);
            String error = r.output() == null ? r.error()
                    : r.output().contains("<no value>") ? "map has no entry for a key (naming templates run with"
                    + " missingkey=error; data: .cluster.name, .random" + (j[2] == null ? "" : ", .machineDeployment.topologyName") + ")"
                    : null;
            if (error != null) {
                run.classError(j[3], j[0], "naming template " + PlanText.quote(j[1]) + ": " + error);
                names.put(j[0], truncate(run.clusterName + "-" + random, random));
            } else {
                names.put(j[0], truncate(r.output(), random));
            }
        }
    }

    /** SimpleNameGenerator: base cut to 58 characters plus the random part. */
    static String simpleName(String base, String random) {
        return (base.length() > 58 ? base.substring(0, 58) : base) + random;
    }

    /** Names longer than 63 characters: the first 58 plus the random part. */
    static String truncate(String name, String random) {
        return name.length() > 63 ? name.substring(0, 58) + random : name;
    }

    /** A function a naming template calls that Go's text/template does not have (naming has no sprig), or null. */
    static String nonBuiltinFunction(String template) {
        Matcher a = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL).matcher(template);
        while (a.find()) {
            String code = a.group(1).replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`|'(?:[^'\\\\]|\\\\.)*'", "\"\"");
            if (code.strip().startsWith("/*")) {
                continue;
            }
            Matcher m = IDENT.matcher(code);
            while (m.find()) {
                if (!GO_BUILTINS.contains(m.group(1))) {
                    return m.group(1);
                }
            }
        }
        return null;
    }
}
