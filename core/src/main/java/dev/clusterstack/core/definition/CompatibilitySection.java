package dev.clusterstack.core.definition;

import dev.clusterstack.core.model.CompatibilitySettings;
import dev.clusterstack.core.problem.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code compatibility:} section of a stack definition into {@link CompatibilitySettings}: the mode alone
 * ({@code compatibility: warn}) or {@code mode}, {@code rules} and {@code allow}. It knows the words (modes and rule
 * ids; the rules themselves are the compatibility check's, {@code dev.clusterstack.core.compat.Rule}, whose ids a
 * test keeps equal to these) so that the definition is checked where it is read, every mistake with its path.
 */
public final class CompatibilitySection {
    /** The modes, as written. */
    public static final List<String> MODES = List.of("strict", "warn", "off");
    /** The ids of Cluster API's rules: always errors, neither configured nor allowed. */
    public static final List<String> CLUSTER_API_RULES = List.of("infrastructure-template", "control-plane-template",
            "control-plane-machine-infrastructure", "machine-deployment-infrastructure", "machine-pool-infrastructure",
            "machine-deployment-class-removed", "machine-pool-class-removed");
    /** The ids of this project's variable rules, which the section configures. */
    public static final List<String> VARIABLE_RULES = List.of("variable-removed", "variable-required", "type-changed",
            "enum-narrowed", "bounds-tightened", "default-changed", "validation-added");

    private CompatibilitySection() {
    }

    /**
     * Reads the section; every problem is reported at once with its path ({@code compatibility.allow[0]}).
     *
     * @param section  the section as parsed YAML (a string or boolean for the mode; maps, lists, strings), or null
     * @param path     the section's path, usually {@code compatibility}
     * @param problems receives the errors
     * @return the settings, {@link CompatibilitySettings#strict()} when absent or when there were errors
     */
    public static CompatibilitySettings read(Object section, String path, List<Problem> problems) {
        if (section == null) {
            return CompatibilitySettings.strict();
        }
        int before = problems.size();
        if (section instanceof String || section instanceof Boolean) {
            String mode = mode(section, path, problems);
            return mode == null ? CompatibilitySettings.strict() : CompatibilitySettings.mode(mode);
        }
        if (!(section instanceof Map<?, ?> map)) {
            problems.add(Problem.error(path, "must be strict, warn or off, or a mapping with mode, rules and allow"));
            return CompatibilitySettings.strict();
        }
        for (Object key : map.keySet()) {
            if (!List.of("mode", "rules", "allow").contains(String.valueOf(key))) {
                problems.add(Problem.error(path + "." + key, "unknown field; known: mode, rules, allow"));
            }
        }
        String mode = map.get("mode") == null ? CompatibilitySettings.STRICT : mode(map.get("mode"), path + ".mode", problems);
        Map<String, String> rules = new LinkedHashMap<>();
        if (map.get("rules") instanceof Map<?, ?> ruleMap) {
            for (Map.Entry<?, ?> e : ruleMap.entrySet()) {
                String where = path + ".rules." + e.getKey();
                String rule = rule(e.getKey(), where, problems);
                String m = mode(e.getValue(), where, problems);
                if (rule != null && CLUSTER_API_RULES.contains(rule)) {
                    problems.add(Problem.error(where, "rule " + rule + " is Cluster API's and always an error;"
                            + " only variable rules can be configured"));
                } else if (rule != null && m != null) {
                    rules.put(rule, m);
                }
            }
        } else if (map.get("rules") != null) {
            problems.add(Problem.error(path + ".rules", "must map rule ids to strict, warn or off"));
        }
        List<CompatibilitySettings.Allowance> allow = new ArrayList<>();
        if (map.get("allow") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String where = path + ".allow[" + i + "]";
                Map<?, ?> entry = list.get(i) instanceof Map<?, ?> m ? m : Map.of();
                String rule = rule(entry.get("rule"), where + ".rule", problems);
                String problem = rule == null ? null : allowanceProblem(rule, text(entry.get("variable")),
                        text(entry.get("reason")));
                if (problem != null) {
                    problems.add(Problem.error(where, problem));
                } else if (rule != null) {
                    allow.add(new CompatibilitySettings.Allowance(rule, text(entry.get("variable")),
                            text(entry.get("reason"))));
                }
            }
        } else if (map.get("allow") != null) {
            problems.add(Problem.error(path + ".allow", "must be a list of {rule, variable, reason}"));
        }
        if (problems.size() > before || mode == null) {
            return CompatibilitySettings.strict();
        }
        return new CompatibilitySettings(mode, rules, allow);
    }

    /** What is wrong with an allowance of a known rule, or null. */
    public static String allowanceProblem(String rule, String variable, String reason) {
        if (CLUSTER_API_RULES.contains(rule)) {
            return "rule " + rule + " is Cluster API's: Cluster API refuses the upgrade whatever the policy says, so it"
                    + " cannot be allowed";
        }
        if (variable == null || variable.isBlank()) {
            return "an allowance of " + rule + " must name the variable";
        }
        if (reason == null || reason.isBlank()) {
            return "the allowance of " + rule + " for " + variable + " must give a reason";
        }
        return null;
    }

    /** {@code strict}, {@code warn} or {@code off} (any case; YAML 1.1's {@code false} for an unquoted off), or null. */
    private static String mode(Object value, String where, List<Problem> problems) {
        if (Boolean.FALSE.equals(value)) {
            return "off";
        }
        String text = String.valueOf(value).toLowerCase(Locale.ROOT);
        if (MODES.contains(text)) {
            return text;
        }
        problems.add(Problem.error(where, "compatibility mode must be strict, warn or off, was '" + value + "'"));
        return null;
    }

    private static String rule(Object id, String where, List<Problem> problems) {
        String text = String.valueOf(id);
        if (CLUSTER_API_RULES.contains(text) || VARIABLE_RULES.contains(text)) {
            return text;
        }
        List<String> known = new ArrayList<>(CLUSTER_API_RULES);
        known.addAll(VARIABLE_RULES);
        problems.add(Problem.error(where, "unknown compatibility rule '" + id + "'; known: " + String.join(", ", known)));
        return null;
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
