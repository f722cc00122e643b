package dev.clusterstack.core.model;

import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.model.base.TemplateRef;

import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.infra.OrcImage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one release of a stack contains for one Kubernetes version: the ClusterClass, the templates
 * and other objects of the cluster-class chart, and the addons. Strings are literal: nothing in
 * here is evaluated by this project.
 *
 * @param addonLayout {@link AddonLayout#STAGED} (one chart per addon and {@code clusteraddon.yaml}, the default when
 *                    null) or {@link AddonLayout#LEGACY} (one umbrella chart and {@code cluster-addon-values.yaml})
 * @param addonValues for the legacy layout: {@code cluster-addon-values.yaml}, a Go template the operator evaluates
 * @param nodeImages  content of {@code node-images.yaml} where the provider needs one, else {@code null}
 * @param orcImage    the node image as an ORC {@code Image} (OpenStack), else {@code null}
 */
public record StackContent(String description, ClusterClass clusterClass, List<Template> templates, List<Addon> addons,
                           AddonLayout addonLayout, String addonValues, Map<String, Object> nodeImages, OrcImage orcImage) {

    public StackContent {
        templates = Copies.list(templates);
        addons = Copies.list(addons);
        addonLayout = addonLayout == null ? AddonLayout.STAGED : addonLayout;
        nodeImages = nodeImages == null ? null : Copies.map(nodeImages);
    }

    /** Content without an ORC image. */
    public StackContent(String description, ClusterClass clusterClass, List<Template> templates, List<Addon> addons,
                        AddonLayout addonLayout, String addonValues, Map<String, Object> nodeImages) {
        this(description, clusterClass, templates, addons, addonLayout, addonValues, nodeImages, null);
    }

    /**
     * The template a reference names: {@code <name>}, or {@code <kind>/<name>} where templates of two
     * kinds share the name (template names are unique per kind, as Cluster API's are). Empty when
     * there is none, or when a plain name is shared by several kinds.
     */
    public Optional<Template> template(TemplateRef ref) {
        return template(TemplateRef.nameOf(ref));
    }

    /** The template a reference by name points to ({@link #template(TemplateRef)}). */
    public Optional<Template> template(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        int slash = ref.indexOf('/');
        if (slash >= 0) {
            String kind = ref.substring(0, slash);
            String name = ref.substring(slash + 1);
            return templates.stream().filter(t -> t != null && kind.equals(t.kind()) && name.equals(t.name())).findFirst();
        }
        List<Template> named = templates.stream().filter(t -> t != null && ref.equals(t.name())).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    public StackContent withClusterClass(ClusterClass value) {
        return new StackContent(description, value, templates, addons, addonLayout, addonValues, nodeImages, orcImage);
    }

    public StackContent withTemplates(List<Template> value) {
        return new StackContent(description, clusterClass, value, addons, addonLayout, addonValues, nodeImages, orcImage);
    }

    public StackContent withAddons(List<Addon> value) {
        return new StackContent(description, clusterClass, templates, value, addonLayout, addonValues, nodeImages, orcImage);
    }

    public StackContent withOrcImage(OrcImage value) {
        return new StackContent(description, clusterClass, templates, addons, addonLayout, addonValues, nodeImages, value);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link StackContent}; {@code template} and {@code addon} append. */
    public static final class Builder {
        private String description;
        private ClusterClass clusterClass;
        private final List<Template> templates = new ArrayList<>();
        private final List<Addon> addons = new ArrayList<>();
        private AddonLayout addonLayout;
        private String addonValues;
        private Map<String, Object> nodeImages;
        private OrcImage orcImage;

        public Builder description(String v) { description = v; return this; }
        public Builder clusterClass(ClusterClass v) { clusterClass = v; return this; }
        public Builder template(Template v) { templates.add(v); return this; }
        public Builder addon(Addon v) { addons.add(v); return this; }
        public Builder addonLayout(AddonLayout v) { addonLayout = v; return this; }
        public Builder addonValues(String v) { addonValues = v; return this; }
        public Builder nodeImages(Map<String, Object> v) { nodeImages = v; return this; }
        public Builder orcImage(OrcImage v) { orcImage = v; return this; }

        public StackContent build() {
            return new StackContent(description, clusterClass, templates, addons, addonLayout, addonValues, nodeImages,
                    orcImage);
        }
    }
}
