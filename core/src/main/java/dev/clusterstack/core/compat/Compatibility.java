package dev.clusterstack.core.compat;

import dev.clusterstack.core.helm.HelmRunner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The entry point: a new release checked against the releases clusters upgrade from. */
public final class Compatibility {

    private Compatibility() {
    }

    /**
     * Renders the new release and each predecessor, and compares them.
     *
     * @param newer        the new release
     * @param predecessors the releases clusters upgrade from (see {@link Predecessors#find}); empty: nothing to check
     * @param policy       how variable rules report
     * @param helm         renders the cluster-class charts
     * @return the report
     * @throws CompatException naming the input that cannot be read or rendered, or a predecessor of another stack
     */
    public static CompatReport check(ReleaseInput newer, List<ReleaseInput> predecessors, CompatibilityPolicy policy,
            HelmRunner helm) {
        Objects.requireNonNull(policy, "policy");
        ReleaseInput.Loaded neu = newer.load(helm);
        List<ReleaseInput.Loaded> olds = new ArrayList<>();
        for (ReleaseInput p : predecessors) {
            ReleaseInput.Loaded old = p.load(helm);
            if (!old.stack().equals(neu.stack())) {
                throw new CompatException("predecessor " + p.path() + " is a release of " + old.stack() + " ("
                        + old.label() + "), but the new release " + neu.label() + " is of " + neu.stack()
                        + ": clusters only upgrade within one provider and stack name");
            }
            olds.add(old);
        }
        return compare(neu, olds, policy);
    }

    /** Compares loaded releases (no Helm): the rules and the diff for the notes. */
    static CompatReport compare(ReleaseInput.Loaded neu, List<ReleaseInput.Loaded> olds, CompatibilityPolicy policy) {
        List<CompatReport.Comparison> comparisons = new ArrayList<>();
        Set<CompatibilityPolicy.Allowance> used = new LinkedHashSet<>();
        for (ReleaseInput.Loaded old : olds) {
            List<Hit> hits = new ArrayList<>(ClassRules.compare(old.clusterClass(), neu.clusterClass()));
            hits.addAll(VariableRules.compare(old.clusterClass().variables(), neu.clusterClass().variables()));
            List<Finding> findings = new ArrayList<>();
            for (Hit h : hits) {
                Finding.Level level = policy.level(h.rule(), h.path());
                if (level == null) {
                    continue;
                }
                CompatibilityPolicy.Allowance allowance = level == Finding.Level.ALLOWED
                        ? policy.allowance(h.rule(), h.path()) : null;
                if (allowance != null) {
                    used.add(allowance);
                }
                findings.add(new Finding(h.rule(), level, old.label(), h.path(), h.message(),
                        allowance == null ? null : allowance.reason()));
            }
            comparisons.add(new CompatReport.Comparison(old.label(), findings, ReleaseDiff.of(old, neu)));
        }
        List<CompatibilityPolicy.Allowance> unused = olds.isEmpty() ? List.of()
                : policy.allow().stream().filter(a -> !used.contains(a)).toList();
        return new CompatReport(neu.label(), neu.kubernetesVersion(), comparisons, unused);
    }
}
