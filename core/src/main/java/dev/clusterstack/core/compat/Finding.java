package dev.clusterstack.core.compat;

import java.util.Objects;

/**
 * One incompatibility between a new release and a predecessor.
 *
 * @param rule        the rule
 * @param level       error (fails), warning, or allowed by the policy
 * @param predecessor the release compared with, e.g. {@code docker-scs-1-32-v3}
 * @param path        where: a ClusterClass field ({@code spec.controlPlane.templateRef.kind}) or a variable path
 *                    ({@code proxy.servers[*].port}; {@code [*]} is an array item, {@code {*}} an additional property)
 * @param message     what changed
 * @param reason      the reason of the allowance when {@code level} is {@link Level#ALLOWED}, else null
 */
public record Finding(Rule rule, Level level, String predecessor, String path, String message, String reason) {

    /** How a finding counts. */
    public enum Level { ERROR, WARNING, ALLOWED }

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(predecessor, "predecessor");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code error: upgrade from <predecessor>: <path>: <message> [<rule>]} on one line */
    @Override
    public String toString() {
        String head = switch (level) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case ALLOWED -> "allowed";
        };
        return head + ": upgrade from " + predecessor + ": " + path + ": " + message + " ["
                + rule.attribution() + "]" + (reason == null ? "" : " (allowed: " + reason + ")");
    }
}
