package dev.clusterstack.core.compat;

import dev.clusterstack.core.model.CompatibilitySettings;
import dev.clusterstack.core.problem.Problem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the variable rules report. Cluster API's rules are always errors and take no part in the policy.
 * The stack definition maps onto it as
 * <pre>
 * compatibility:
 *   mode: strict            # strict | warn | off
 *   rules:
 *     default-changed: strict
 *   allow:
 *     - rule: variable-removed
 *       variable: oldFlag
 *       reason: unused since v2, announced in the v3 notes
 * </pre>
 *
 * @param mode   strict: each rule at its own level (breaking rules are errors, {@link Rule#DEFAULT_CHANGED} a
 *               warning); warn: every variable rule a warning; off: variable rules are not checked
 * @param rules  per-rule override: strict = error, warn = warning, off = not reported
 * @param allow  findings accepted with a reason (they are listed, but do not fail)
 */
public record CompatibilityPolicy(Mode mode, Map<Rule, Mode> rules, List<Allowance> allow) {

    /** strict, warn or off. */
    public enum Mode {
        STRICT, WARN, OFF;

        /** @return the mode written as in the definition ({@code strict}, {@code warn}, {@code off}) */
        public static Mode parse(String text) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(text)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("compatibility mode must be strict, warn or off, was '" + text + "'");
        }
    }

    /**
     * An accepted finding.
     *
     * @param rule     a variable rule
     * @param variable the variable name, optionally with the path inside it ({@code proxy.servers[*].port}); a
     *                 variable name covers every path inside it
     * @param reason   why it is safe, shown in the report and the release notes
     */
    public record Allowance(Rule rule, String variable, String reason) {
        public Allowance {
            Objects.requireNonNull(rule, "rule");
            if (rule.clusterApi()) {
                throw new IllegalArgumentException("rule " + rule.id() + " is Cluster API's: Cluster API refuses the"
                        + " upgrade whatever the policy says, so it cannot be allowed");
            }
            if (variable == null || variable.isBlank()) {
                throw new IllegalArgumentException("an allowance of " + rule.id() + " must name the variable");
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("the allowance of " + rule.id() + " for " + variable
                        + " must give a reason");
            }
        }

        boolean covers(Rule r, String path) {
            return rule == r && (path.equals(variable) || path.startsWith(variable + ".") || path.startsWith(variable + "["));
        }
    }

    public CompatibilityPolicy {
        Objects.requireNonNull(mode, "mode");
        EnumMap<Rule, Mode> copy = new EnumMap<>(Rule.class);
        for (Map.Entry<Rule, Mode> e : (rules == null ? Map.<Rule, Mode>of() : rules).entrySet()) {
            if (e.getKey().clusterApi()) {
                throw new IllegalArgumentException("rule " + e.getKey().id() + " is Cluster API's and always an error;"
                        + " only variable rules can be configured");
            }
            copy.put(e.getKey(), Objects.requireNonNull(e.getValue(), "mode of " + e.getKey().id()));
        }
        rules = Collections.unmodifiableMap(copy);
        allow = List.copyOf(allow == null ? List.of() : allow);
    }

    /** @return strict, no overrides, nothing allowed */
    public static CompatibilityPolicy strict() {
        return new CompatibilityPolicy(Mode.STRICT, Map.of(), List.of());
    }

    /** @return a copy with the rule set to a mode */
    public CompatibilityPolicy withRule(Rule rule, Mode ruleMode) {
        EnumMap<Rule, Mode> copy = new EnumMap<>(Rule.class);
        copy.putAll(rules);
        copy.put(rule, ruleMode);
        return new CompatibilityPolicy(mode, copy, allow);
    }

    /** @return a copy with one more allowance */
    public CompatibilityPolicy allowing(Rule rule, String variable, String reason) {
        List<Allowance> copy = new ArrayList<>(allow);
        copy.add(new Allowance(rule, variable, reason));
        return new CompatibilityPolicy(mode, rules, copy);
    }

    /**
     * The level of a finding of this rule at this variable path, or null when it is not reported.
     */
    Finding.Level level(Rule rule, String path) {
        if (rule.clusterApi()) {
            return Finding.Level.ERROR;
        }
        Mode m = rules.get(rule);
        if (m == null) {
            if (mode == Mode.OFF) {
                return null;
            }
            m = mode == Mode.WARN || rule == Rule.DEFAULT_CHANGED ? Mode.WARN : Mode.STRICT;
        }
        if (m == Mode.OFF) {
            return null;
        }
        for (Allowance a : allow) {
            if (a.covers(rule, path)) {
                return Finding.Level.ALLOWED;
            }
        }
        return m == Mode.STRICT ? Finding.Level.ERROR : Finding.Level.WARNING;
    }

    /**
     * Reads the {@code compatibility:} section of a stack definition (the shape shown above, or just the mode:
     * {@code compatibility: warn}); every problem is
     * reported at once with its path ({@code compatibility.allow[0].reason}), for the definition to locate.
     *
     * @param section  the section as parsed YAML (maps, lists, strings), or null for {@link #strict()}
     * @param path     the section's path, usually {@code compatibility}
     * @param problems receives the errors
     * @return the policy, or {@link #strict()} when there were errors
     */
    public static CompatibilityPolicy fromDefinition(Object section, String path, List<Problem> problems) {
        if (section == null) {
            return strict();
        }
        int before = problems.size();
        if (section instanceof String || section instanceof Boolean) {
            Mode mode = mode(section, path, problems);
            return mode == null ? strict() : new CompatibilityPolicy(mode, Map.of(), List.of());
        }
        if (!(section instanceof Map<?, ?> map)) {
            problems.add(Problem.error(path, "must be strict, warn or off, or a mapping with mode, rules and allow"));
            return strict();
        }
        for (Object key : map.keySet()) {
            if (!List.of("mode", "rules", "allow").contains(String.valueOf(key))) {
                problems.add(Problem.error(path + "." + key, "unknown field; known: mode, rules, allow"));
            }
        }
        Mode mode = map.get("mode") == null ? Mode.STRICT : mode(map.get("mode"), path + ".mode", problems);
        EnumMap<Rule, Mode> rules = new EnumMap<>(Rule.class);
        if (map.get("rules") instanceof Map<?, ?> ruleMap) {
            for (Map.Entry<?, ?> e : ruleMap.entrySet()) {
                String where = path + ".rules." + e.getKey();
                Rule rule = rule(e.getKey(), where, problems);
                Mode m = mode(e.getValue(), where, problems);
                if (rule != null && rule.clusterApi()) {
                    problems.add(Problem.error(where, "rule " + rule.id() + " is Cluster API's and always an error;"
                            + " only variable rules can be configured"));
                } else if (rule != null && m != null) {
                    rules.put(rule, m);
                }
            }
        } else if (map.get("rules") != null) {
            problems.add(Problem.error(path + ".rules", "must map rule ids to strict, warn or off"));
        }
        List<Allowance> allow = new ArrayList<>();
        if (map.get("allow") instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String where = path + ".allow[" + i + "]";
                Map<?, ?> entry = list.get(i) instanceof Map<?, ?> m ? m : Map.of();
                Rule rule = rule(entry.get("rule"), where + ".rule", problems);
                try {
                    if (rule != null) {
                        allow.add(new Allowance(rule, text(entry.get("variable")), text(entry.get("reason"))));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(Problem.error(where, e.getMessage()));
                }
            }
        } else if (map.get("allow") != null) {
            problems.add(Problem.error(path + ".allow", "must be a list of {rule, variable, reason}"));
        }
        if (problems.size() > before || mode == null) {
            return strict();
        }
        try {
            return new CompatibilityPolicy(mode, rules, allow);
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(path + ".rules", e.getMessage()));
            return strict();
        }
    }

    /**
     * The policy of a stack's {@link CompatibilitySettings} (from a definition or the Java builder), checked as
     * {@link #fromDefinition} checks a definition: a Java builder's mistakes carry the path {@code compatibility...}.
     *
     * @param settings the settings, or null for {@link #strict()}
     * @param problems receives the errors
     * @return the policy, or {@link #strict()} when there were errors
     */
    public static CompatibilityPolicy of(CompatibilitySettings settings, List<Problem> problems) {
        return settings == null ? strict() : fromDefinition(settings.toPlain(), "compatibility", problems);
    }

    /** @return the policy as {@link CompatibilitySettings}, in the words of a definition */
    public CompatibilitySettings toSettings() {
        CompatibilitySettings out = CompatibilitySettings.mode(mode.name().toLowerCase(Locale.ROOT));
        for (Map.Entry<Rule, Mode> e : rules.entrySet()) {
            out = out.rule(e.getKey().id(), e.getValue().name().toLowerCase(Locale.ROOT));
        }
        for (Allowance a : allow) {
            out = out.allowing(a.rule().id(), a.variable(), a.reason());
        }
        return out;
    }

    private static Mode mode(Object value, String where, List<Problem> problems) {
        if (Boolean.FALSE.equals(value)) {
            return Mode.OFF; // YAML 1.1 reads an unquoted off as false
        }
        try {
            return Mode.parse(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(where, e.getMessage()));
            return null;
        }
    }

    private static Rule rule(Object id, String where, List<Problem> problems) {
        try {
            return Rule.byId(String.valueOf(id));
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(where, e.getMessage()));
            return null;
        }
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    /** The allowance covering a finding, or null. */
    Allowance allowance(Rule rule, String path) {
        for (Allowance a : allow) {
            if (a.covers(rule, path)) {
                return a;
            }
        }
        return null;
    }
}
