package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.release.AtomicDirectory;
import dev.clusterstack.core.render.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes the plan of one Cluster as files: {@code <dir>/<role>.yaml} per planned object (keys sorted, except
 * {@code apiVersion}, {@code kind}, {@code metadata}, {@code spec} first; list order kept) and {@code <dir>/plan.md}
 * (objects, findings, patch coverage). The folder is written aside and moved into place: never half-written.
 */
public final class PlanWriter {
    /** The summary's file name. */
    public static final String SUMMARY = "plan.md";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIRST = List.of("apiVersion", "kind", "metadata", "spec");

    private PlanWriter() {
    }

    /** Replaces {@code dir} with the plan's files. */
    public static void write(Plan plan, Path dir) throws IOException {
        AtomicDirectory.replace(dir, tmp -> {
            for (Map.Entry<String, ObjectNode> e : plan.objectNodes().entrySet()) {
                Files.writeString(tmp.resolve(e.getKey() + ".yaml"), yaml(e.getValue()), StandardCharsets.UTF_8);
            }
            Files.writeString(tmp.resolve(SUMMARY), summary(plan), StandardCharsets.UTF_8);
        });
    }

    /** One planned object as YAML, in the file's order. */
    public static String yaml(Plan plan, String role) {
        ObjectNode o = plan.objectNode(role);
        return o == null ? null : yaml(o);
    }

    static String yaml(ObjectNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : FIRST) {
            if (object.has(k)) {
                out.put(k, sorted(object.get(k)));
            }
        }
        Map<String, Object> rest = new TreeMap<>();
        object.fields().forEachRemaining(e -> {
            if (!FIRST.contains(e.getKey())) {
                rest.put(e.getKey(), sorted(e.getValue()));
            }
        });
        out.putAll(rest);
        return Yaml.write(out);
    }

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> m = new TreeMap<>();
            node.fields().forEachRemaining(e -> m.put(e.getKey(), sorted(e.getValue())));
            return m;
        }
        if (node.isArray()) {
            List<Object> l = new ArrayList<>();
            node.forEach(n -> l.add(sorted(n)));
            return l;
        }
        return JSON.convertValue(node, Object.class);
    }

    /** The Markdown summary: objects, findings, which patch was enabled for which template. */
    public static String summary(Plan plan) {
        StringBuilder b = new StringBuilder();
        b.append("# Plan of Cluster ").append(plan.clusterName()).append("\n\n");
        b.append("- Cluster file: `").append(plan.clusterFile()).append("`\n");
        b.append("- ClusterClass: ").append(plan.className() == null ? "(none)" : "`" + plan.className() + "`").append('\n');
        b.append("- Generated names use `").append(PlanOptions.RANDOM).append("` (or the configured placeholder) where"
                + " Cluster API puts 5 random characters.\n\n");
        b.append("## Objects\n\n");
        if (plan.roles().isEmpty()) {
            b.append("None: the plan stopped at an error.\n\n");
        } else {
            b.append("| File | Kind | Name |\n|---|---|---|\n");
            for (String role : plan.roles()) {
                ObjectNode o = plan.objectNode(role);
                b.append("| `").append(role).append(".yaml` | ").append(o.path("kind").asText()).append(" | `")
                        .append(o.path("metadata").path("name").asText()).append("` |\n");
            }
            b.append('\n');
        }
        b.append("## Findings\n\n");
        if (plan.findings().isEmpty()) {
            b.append("None.\n\n");
        } else {
            for (Finding f : plan.findings()) {
                b.append("- ").append(cell(f.toString())).append('\n');
            }
            b.append('\n');
        }
        b.append("## Patches\n\n");
        if (plan.patchCoverage().isEmpty()) {
            b.append("The ClusterClass has no patches.\n");
        } else {
            b.append("| Patch | Enabled for |\n|---|---|\n");
            plan.patchCoverage().forEach((patch, roles) -> b.append("| `").append(cell(patch)).append("` | ")
                    .append(roles.isEmpty() ? "not enabled" : String.join(", ", roles)).append(" |\n"));
        }
        return b.toString();
    }

    /** The patches (of the plans' classes, in order) that no plan enabled for any template: untested by these Clusters. */
    public static List<String> uncoveredPatches(Collection<Plan> plans) {
        Set<String> all = new LinkedHashSet<>();
        Set<String> covered = new LinkedHashSet<>();
        for (Plan p : plans) {
            p.patchCoverage().forEach((patch, roles) -> {
                all.add(patch);
                if (!roles.isEmpty()) {
                    covered.add(patch);
                }
            });
        }
        all.removeAll(covered);
        return List.copyOf(all);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
