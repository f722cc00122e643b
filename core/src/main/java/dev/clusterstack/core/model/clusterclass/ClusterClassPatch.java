package dev.clusterstack.core.model.clusterclass;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.List;
import java.util.Map;

/**
 * {@code spec.patches[]}: inline JSON patch {@code definitions} or an {@code external} patch
 * extension. {@code enabledIf} is a Go template evaluated by Cluster API; it reaches the rendered
 * ClusterClass unchanged.
 */
public record ClusterClassPatch(String name, String description, String enabledIf, List<PatchDefinition> definitions,
                                ExternalPatchDefinition external, @Extra Map<String, Object> extra) {
    public ClusterClassPatch {
        definitions = Copies.list(definitions);
        extra = Copies.map(extra);
    }

    public static ClusterClassPatch of(String name, String description, String enabledIf, PatchDefinition... definitions) {
        return new ClusterClassPatch(name, description, enabledIf, List.of(definitions), null, Map.of());
    }

    /** {@code definitions[]}: which templates ({@code selector}) get which {@code jsonPatches}. */
    public record PatchDefinition(PatchSelector selector, List<JSONPatch> jsonPatches, @Extra Map<String, Object> extra) {
        public PatchDefinition {
            jsonPatches = Copies.list(jsonPatches);
            extra = Copies.map(extra);
        }

        public static PatchDefinition of(PatchSelector selector, JSONPatch... patches) {
            return new PatchDefinition(selector, List.of(patches), Map.of());
        }
    }

    /** {@code selector}: apiVersion and kind of the target template, and in which roles it is matched. */
    public record PatchSelector(String apiVersion, String kind, PatchSelectorMatch matchResources,
                                @Extra Map<String, Object> extra) {
        public PatchSelector {
            extra = Copies.map(extra);
        }

        public static PatchSelector controlPlane(String apiVersion, String kind) {
            return new PatchSelector(apiVersion, kind, new PatchSelectorMatch(true, null, null, null, Map.of()), Map.of());
        }

        public static PatchSelector infrastructureCluster(String apiVersion, String kind) {
            return new PatchSelector(apiVersion, kind, new PatchSelectorMatch(null, true, null, null, Map.of()), Map.of());
        }

        public static PatchSelector machineDeploymentClass(String apiVersion, String kind, String... classes) {
            return new PatchSelector(apiVersion, kind, new PatchSelectorMatch(null, null,
                    new ClassNames(List.of(classes), Map.of()), null, Map.of()), Map.of());
        }
    }

    /** {@code matchResources}. */
    public record PatchSelectorMatch(Boolean controlPlane, Boolean infrastructureCluster, ClassNames machineDeploymentClass,
                                     ClassNames machinePoolClass, @Extra Map<String, Object> extra) {
        public PatchSelectorMatch {
            extra = Copies.map(extra);
        }
    }

    /** {@code machineDeploymentClass} / {@code machinePoolClass} match: class names ({@code "*"} matches all). */
    public record ClassNames(List<String> names, @Extra Map<String, Object> extra) {
        public ClassNames {
            names = Copies.list(names);
            extra = Copies.map(extra);
        }
    }

    /** One RFC 6902 operation: a literal {@code value} or a {@code valueFrom}. */
    public record JSONPatch(String op, String path, Object value, JSONPatchValue valueFrom,
                            @Extra Map<String, Object> extra) {
        public JSONPatch {
            extra = Copies.map(extra);
        }

        public static JSONPatch value(String op, String path, Object value) {
            return new JSONPatch(op, path, value, null, Map.of());
        }

        public static JSONPatch variable(String op, String path, String variable) {
            return new JSONPatch(op, path, null, new JSONPatchValue(variable, null, Map.of()), Map.of());
        }

        public static JSONPatch template(String op, String path, String template) {
            return new JSONPatch(op, path, null, new JSONPatchValue(null, template, Map.of()), Map.of());
        }
    }

    /** {@code valueFrom}: a variable (or {@code builtin.*}) or a Go template evaluated by Cluster API. */
    public record JSONPatchValue(String variable, String template, @Extra Map<String, Object> extra) {
        public JSONPatchValue {
            extra = Copies.map(extra);
        }
    }

    /** {@code external}: runtime extension handlers for generate/validate/discoverVariables. */
    public record ExternalPatchDefinition(String generateExtension, String validateExtension,
                                          String discoverVariablesExtension, Map<String, String> settings,
                                          @Extra Map<String, Object> extra) {
        public ExternalPatchDefinition {
            settings = Copies.map(settings);
            extra = Copies.map(extra);
        }
    }
}
