package dev.clusterstack.core.helm;

import java.util.List;

/**
 * Result of {@code helm lint}.
 *
 * @param failed   true when Helm reports at least one error (or, in strict mode, a warning)
 * @param messages every lint message as Helm prints it, with its severity (e.g. {@code [ERROR] templates/x.yaml: ...})
 */
public record LintResult(boolean failed, List<String> messages) {

    public LintResult {
        messages = List.copyOf(messages);
    }
}
