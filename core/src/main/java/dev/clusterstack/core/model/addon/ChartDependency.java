package dev.clusterstack.core.model.addon;

/**
 * A Helm chart dependency of an addon chart, as in {@code Chart.yaml} {@code dependencies[]}.
 * {@code repository} is an http(s) chart repository, an {@code oci://} registry or a
 * {@code file://} folder.
 */
public record ChartDependency(String name, String version, String repository, String alias, String condition) {
    public static ChartDependency of(String name, String version, String repository) {
        return new ChartDependency(name, version, repository, null, null);
    }

    public ChartDependency withVersion(String value) {
        return new ChartDependency(name, value, repository, alias, condition);
    }

    /** The key the dependency's values live under in the addon's values: the alias, else the name. */
    public String valuesKey() {
        return alias != null && !alias.isEmpty() ? alias : name;
    }
}
