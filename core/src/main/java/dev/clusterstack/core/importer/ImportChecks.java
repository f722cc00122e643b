package dev.clusterstack.core.importer;

import dev.clusterstack.core.importer.ImportReport.Finding;
import dev.clusterstack.core.importer.ImportReport.Kind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Findings about the source stack beyond what is lifted: constant {@code enabledIf}s and files the import does not read. */
final class ImportChecks {
    static final Pattern UNESCAPED_ENABLED_IF = Pattern.compile("(?m)^\\s*enabledIf:.*\\{\\{(?!\\s*\"\\{\\{\"|\\s*`\\{\\{`)");
    static final Set<String> KNOWN_TOP = Set.of("csctl.yaml", "versions.yaml", "cluster-class", "cluster-addon",
            "clusteraddon.yaml", "metadata.yaml", "node-images.yaml");

    private ImportChecks() {
    }

    /** Patches whose rendered {@code enabledIf} is constant although the chart source held a Go template there. */
    static void enabledIf(CsctlStack stack, ClassLifter.Lifted lifted, List<Finding> findings) {
        boolean unescaped = false;
        try (Stream<Path> files = Files.walk(stack.clusterClass.resolve("templates"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (UNESCAPED_ENABLED_IF.matcher(Files.readString(f, StandardCharsets.UTF_8)).find()) {
                    unescaped = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(lifted.clusterClass.get("patches") instanceof List<?> patches)) {
            return;
        }
        for (Object p : patches) {
            Map<String, Object> patch = CsctlStack.map(p);
            Object enabledIf = patch.get("enabledIf");
            if (enabledIf instanceof String s && !s.contains("{{")) {
                add(findings, new Finding(Kind.WARNING, "cluster-class/templates: patch " + patch.get("name") + ": enabledIf",
                        "renders to the constant '" + s + "' and is kept so" + (unescaped
                                ? "; the chart has an enabledIf with an unescaped Go template, which Helm evaluated when"
                                + " rendering the chart: the author probably meant the expression itself (write it plainly"
                                + " in the definition, the generator escapes it)" : "")));
            }
        }
    }

    static void otherFiles(CsctlStack stack, List<Finding> findings) {
        try (Stream<Path> list = Files.list(stack.folder)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!KNOWN_TOP.contains(name) && !(stack.umbrella && name.equals("cluster-addon-values.yaml"))) {
                    findings.add(new Finding(Kind.NOT_CARRIED_OVER, name, otherFileReason(name)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String otherFileReason(String name) {
        return switch (name) {
            case "cluster-addon-values.yaml" -> "with one chart per addon and clusteraddon.yaml each addon's overwrite.yaml"
                    + " gives its values; this file is not part of the definition: move what it sets into the addons'"
                    + " overwrite files if the operator used it";
            case "image.yaml" -> "an ORC image manifest beside the charts, written for the version the folder is pinned to"
                    + " only: give the definition an orcImage with placement: file (name, url and spec with"
                    + " [=kubernetes.tag]) and each version's image.sha256";
            case "node-images", "kubernetes.yaml" -> "node image build or upload configuration, not part of a release";
            default -> "not read by the importer (not part of a cluster stack release, or a layout not supported yet)";
        };
    }

    static void add(List<Finding> findings, Finding f) {
        if (!findings.contains(f)) {
            findings.add(f);
        }
    }
}
