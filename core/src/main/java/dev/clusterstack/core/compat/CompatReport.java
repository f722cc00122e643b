package dev.clusterstack.core.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of comparing a new release with its predecessors: one {@link Comparison} per predecessor.
 * A per-cluster upgrade preview (the plan of each test cluster against the old and the new class) belongs to a
 * comparison: it will be one more component of {@link Comparison}, next to the class-level findings.
 *
 * @param release       the new release, e.g. {@code docker-scs-1-32-v4}
 * @param kubernetes    its Kubernetes version, or null for a chart
 * @param comparisons   one per predecessor, in the order given
 * @param unusedAllowances allowances of the policy that matched no finding (a stale allowlist entry is a warning)
 */
public record CompatReport(String release, String kubernetes, List<Comparison> comparisons,
                           List<CompatibilityPolicy.Allowance> unusedAllowances) {

    /**
     * The new release against one predecessor.
     *
     * @param predecessor the predecessor, e.g. {@code docker-scs-1-32-v3}
     * @param findings    rule findings, Cluster API's first, in class order
     * @param diff        what changed, for the release notes
     */
    public record Comparison(String predecessor, List<Finding> findings, ReleaseDiff diff) {
        public Comparison {
            Objects.requireNonNull(predecessor, "predecessor");
            findings = List.copyOf(findings);
            Objects.requireNonNull(diff, "diff");
        }
    }

    public CompatReport {
        Objects.requireNonNull(release, "release");
        comparisons = List.copyOf(comparisons);
        unusedAllowances = List.copyOf(unusedAllowances);
    }

    /** @return every finding of every comparison */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>();
        comparisons.forEach(c -> all.addAll(c.findings()));
        return all;
    }

    /** @return true when a finding is an error: clusters on a predecessor cannot upgrade (or policy says strict) */
    public boolean failed() {
        return findings().stream().anyMatch(f -> f.level() == Finding.Level.ERROR);
    }

    /** @return one line per finding and unused allowance, errors first; "no findings" lines per predecessor */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Finding.Level level : Finding.Level.values()) {
            findings().stream().filter(f -> f.level() == level).forEach(f -> out.add(release + ": " + f));
        }
        for (CompatibilityPolicy.Allowance a : unusedAllowances) {
            out.add(release + ": warning: the compatibility allowance of " + a.rule().id() + " for " + a.variable()
                    + " matches nothing; remove it");
        }
        return out;
    }
}
