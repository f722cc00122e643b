package dev.clusterstack.core.compat;

import dev.clusterstack.core.definition.CompatibilitySection;
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
            String problem = CompatibilitySection.allowanceProblem(rule.id(), variable, reason);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
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
        int before = problems.size();
        CompatibilitySettings settings = CompatibilitySection.read(section, path, problems);
        if (problems.size() > before) {
            return strict();
        }
        EnumMap<Rule, Mode> rules = new EnumMap<>(Rule.class);
        settings.rules().forEach((rule, ruleMode) -> rules.put(Rule.byId(rule), Mode.parse(ruleMode)));
        List<Allowance> allow = new ArrayList<>();
        for (CompatibilitySettings.Allowance a : settings.allow()) {
            allow.add(new Allowance(Rule.byId(a.rule()), a.variable(), a.reason()));
        }
        return new CompatibilityPolicy(Mode.parse(settings.mode()), rules, allow);
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
