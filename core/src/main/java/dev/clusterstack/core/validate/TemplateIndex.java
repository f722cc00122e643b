package dev.clusterstack.core.validate;

import dev.clusterstack.core.bind.Suggest;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.base.Template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The templates of one Kubernetes version by kind and name. Names are unique per kind, as Cluster API
 * names are; a reference is a plain name ({@code control-plane}) or, where two kinds share the name,
 * {@code <kind>/<name>} ({@code OpenStackMachineTemplate/control-plane}), see
 * {@link StackContent#template(String)}.
 */
final class TemplateIndex {
    private final Map<String, Template> byKindAndName = new LinkedHashMap<>();
    private final Map<String, List<Template>> byName = new LinkedHashMap<>();

    /** Adds a template; {@code false} when its kind already has a template of that name. */
    boolean add(Template t) {
        if (byKindAndName.putIfAbsent(t.kind() + "/" + t.name(), t) != null) {
            return false;
        }
        byName.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t);
        return true;
    }

    /** The template a reference names, or {@code null} after reporting why there is none. */
    Template resolve(String ref, String path, Problems problems) {
        int slash = ref.indexOf('/');
        if (slash >= 0) {
            String kind = ref.substring(0, slash);
            String name = ref.substring(slash + 1);
            Template t = byKindAndName.get(ref);
            if (t == null) {
                List<Template> same = byName.getOrDefault(name, List.of());
                problems.error(path, "no " + kind + " named '" + name + "'" + (same.isEmpty()
                        ? unknownName(name) : "; '" + name + "' is a " + kinds(same)));
            }
            return t;
        }
        List<Template> found = byName.get(ref);
        if (found == null) {
            problems.error(path, "no template named '" + ref + "'" + unknownName(ref));
            return null;
        }
        if (found.size() > 1) {
            problems.error(path, "'" + ref + "' names " + found.size() + " templates, say which: "
                    + String.join(", ", found.stream().map(t -> t.kind() + "/" + t.name()).toList()));
            return null;
        }
        return found.get(0);
    }

    private String unknownName(String name) {
        String hint = Suggest.closest(name, byName.keySet());
        return hint != null ? ", did you mean '" + hint + "'?"
                : byName.isEmpty() ? " (the stack has no templates)" : "; templates: " + String.join(", ", names());
    }

    private Set<String> names() {
        return new LinkedHashSet<>(byName.keySet());
    }

    private static String kinds(List<Template> templates) {
        return String.join(" and a ", templates.stream().map(Template::kind).toList());
    }
}
