package dev.clusterstack.core.problem;

import java.util.Objects;

/**
 * One thing wrong with a stack: where (a source location when the stack came from a file, always
 * the model path such as {@code clusterClass.patches[2].definitions[0].jsonPatches[1].path}) and
 * what. {@code kubernetesVersion} names the version the problem was found for, or {@code null} when
 * it holds for all of them.
 */
public record Problem(Severity severity, Location location, String path, String message, String kubernetesVersion) {

    /** How bad a problem is: errors fail the build, warnings are reported. */
    public enum Severity { ERROR, WARNING }

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public static Problem error(String path, String message) {
        return new Problem(Severity.ERROR, null, path, message, null);
    }

    public static Problem warning(String path, String message) {
        return new Problem(Severity.WARNING, null, path, message, null);
    }

    public Problem at(Location newLocation) {
        return new Problem(severity, newLocation, path, message, kubernetesVersion);
    }

    public Problem forVersion(String version) {
        return new Problem(severity, location, path, message, version);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: error: path: message} or {@code error: path: message}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (location != null) {
            b.append(location).append(": ");
        }
        b.append(severity == Severity.ERROR ? "error" : "warning").append(": ");
        if (!path.isEmpty()) {
            b.append(path).append(": ");
        }
        b.append(message);
        if (kubernetesVersion != null) {
            b.append(" (Kubernetes ").append(kubernetesVersion).append(')');
        }
        return b.toString();
    }
}
