package dev.clusterstack.core.model.base;

import java.util.Map;

/**
 * An object of the cluster-class chart besides the ClusterClass: a Cluster API template referenced
 * by the class (KubeadmControlPlaneTemplate, KubeadmConfigTemplate, infrastructure templates) or any
 * other object the class needs (a node image object, ...). Rendered with the name
 * {@code {{ .Release.Name }}-{{ .Chart.Version }}-<name>}.
 */
public interface Template {
    /** Suffix of the object name, unique in the stack: {@code control-plane}, {@code worker-bootstrap}. */
    String name();

    String apiVersion();

    String kind();

    ObjectMeta metadata();

    /** The object's {@code spec} as a record or plain tree; {@code null} for objects without one. */
    Object spec();

    /** Top-level fields besides apiVersion, kind, metadata and spec. */
    Map<String, Object> extra();
}
