package dev.clusterstack.core.crd;

/**
 * One place where an object does not match the {@code openAPIV3Schema} of its CRD.
 *
 * @param apiVersion of the object, e.g. {@code cluster.x-k8s.io/v1beta1}
 * @param kind       of the object, e.g. {@code ClusterClass}
 * @param name       {@code metadata.name} of the object, or null
 * @param path       JSON pointer to the offending field, e.g. {@code /spec/template/spec/files/0/encoding}
 *                   ({@code ""} for the object itself); for an unknown or missing field it points at that field
 * @param message    what is wrong
 */
public record SchemaViolation(String apiVersion, String kind, String name, String path, String message) {

  @Override
  public String toString() {
    return kind + " " + (name == null ? "(unnamed)" : name) + " (" + apiVersion + ") at "
        + (path.isEmpty() ? "/" : path) + ": " + message;
  }
}
