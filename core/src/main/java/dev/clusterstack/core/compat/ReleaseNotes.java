package dev.clusterstack.core.compat;

import dev.clusterstack.core.release.ReleaseMetadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Release notes in Markdown, one file per release, {@code <notes folder>/<release>.md}. The notes folder lies
 * beside the release folders, by default {@code target/cluster-stacks-notes} next to {@code target/cluster-stacks}:
 * never inside a release folder, because the operator downloads every file of a release. Same report, same bytes.
 */
public final class ReleaseNotes {

    /** The default notes folder name, a sibling of the release output folder. */
    public static final String FOLDER = "cluster-stacks-notes";

    private ReleaseNotes() {
    }

    /** @return {@code <parent of releasesFolder>/cluster-stacks-notes} */
    public static Path defaultFolder(Path releasesFolder) {
        Path abs = releasesFolder.toAbsolutePath().normalize();
        return abs.getParent() == null ? abs.resolve(FOLDER) : abs.getParent().resolve(FOLDER);
    }

    /**
     * Writes {@code <notesFolder>/<release>.md}, replacing an older one.
     *
     * @param report      the compatibility report of the release
     * @param notesFolder the notes folder, not inside a release folder
     * @return the file written
     * @throws CompatException when the folder lies inside a release folder
     * @throws IOException     when it cannot be written
     */
    public static Path write(CompatReport report, Path notesFolder) throws IOException {
        return write(report, List.of(), notesFolder);
    }

    /**
     * Writes {@code <notesFolder>/<release>.md} with the upgrade previews (see {@link #render(CompatReport, List)}).
     *
     * @param report      the compatibility report of the release
     * @param previews    upgrade previews from the predecessors to this release
     * @param notesFolder the notes folder, not inside a release folder
     * @return the file written
     * @throws CompatException when the folder lies inside a release folder
     * @throws IOException     when it cannot be written
     */
    public static Path write(CompatReport report, List<PreviewReport> previews, Path notesFolder) throws IOException {
        Path folder = notesFolder.toAbsolutePath().normalize();
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(ReleaseMetadata.FILE_NAME))) {
                throw new CompatException("release notes folder " + notesFolder + " lies inside the release folder " + p
                        + ", whose files the operator downloads; write the notes beside the release folders (default "
                        + FOLDER + ")");
            }
        }
        Files.createDirectories(folder);
        Path file = folder.resolve(report.release() + ".md");
        Path tmp = Files.createTempFile(folder, "." + report.release(), ".tmp");
        try {
            Files.writeString(tmp, render(report, previews), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /** @return the Markdown text */
    public static String render(CompatReport report) {
        return render(report, List.of());
    }

    /**
     * The notes with the upgrade previews: a preview from a predecessor closes that predecessor's "Upgrade from"
     * section ({@code ### Upgrade preview}); a preview from a release that is no predecessor of the report gets a
     * section of its own at the end. Without previews the text is that of {@link #render(CompatReport)}.
     *
     * @return the Markdown text
     */
    public static String render(CompatReport report, List<PreviewReport> previews) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(report.release()).append("\n\n");
        if (report.kubernetes() != null) {
            b.append("Kubernetes ").append(report.kubernetes()).append(".\n\n");
        }
        if (report.comparisons().isEmpty()) {
            b.append("First release: no earlier release to upgrade from.\n");
        }
        for (CompatReport.Comparison c : report.comparisons()) {
            ReleaseDiff d = c.diff();
            b.append("## Upgrade from ").append(c.predecessor()).append("\n\n");
            if (d.kubernetesFrom() != null && d.kubernetesTo() != null) {
                b.append(d.kubernetesFrom().equals(d.kubernetesTo())
                        ? "Kubernetes " + d.kubernetesTo() + " (unchanged).\n\n"
                        : "Kubernetes " + d.kubernetesFrom() + " → " + d.kubernetesTo() + ": every machine rolls out.\n\n");
            }
            b.append("### Compatibility\n\n");
            if (c.findings().isEmpty()) {
                b.append("No findings: clusters on ").append(c.predecessor()).append(" can switch to this class.\n");
            }
            for (Finding f : c.findings()) {
                b.append("- ").append(f.level().name().toLowerCase(java.util.Locale.ROOT)).append(": `").append(f.path())
                        .append("`: ").append(f.message()).append(" (").append(f.rule().clusterApi() ? "Cluster API" : "clusterstack")
                        .append(" rule ").append(f.rule().id()).append(")");
                if (f.reason() != null) {
                    b.append("; allowed: ").append(f.reason());
                }
                b.append('\n');
            }
            b.append('\n');
            section(b, "Variables", List.of(
                    new Group("added", d.variablesAdded()), new Group("removed", d.variablesRemoved()),
                    new Group("changed", d.variablesChanged())));
            section(b, "Patches", List.of(
                    new Group("added", d.patchesAdded()), new Group("removed", d.patchesRemoved()),
                    new Group("changed", d.patchesChanged())));
            section(b, "Templates", List.of(new Group(null,
                    d.templates().stream().map(ReleaseDiff.TemplateChange::text).toList())));
            section(b, "Addon charts", List.of(new Group(null, d.addonCharts())));
            previews.stream().filter(p -> p.older().equals(c.predecessor()))
                    .forEach(p -> b.append(PreviewText.render(p, 3, false)));
        }
        previews.stream().filter(p -> report.comparisons().stream().noneMatch(c -> c.predecessor().equals(p.older())))
                .forEach(p -> b.append(PreviewText.render(p, 2, true)));
        String text = b.toString();
        while (text.endsWith("\n\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private record Group(String label, List<String> items) {
    }

    private static void section(StringBuilder b, String title, List<Group> groups) {
        b.append("### ").append(title).append("\n\n");
        boolean any = false;
        for (Group g : groups) {
            for (String item : g.items()) {
                b.append("- ").append(g.label() == null ? "" : g.label() + ": ").append(item).append('\n');
                any = true;
            }
        }
        b.append(any ? "\n" : "No changes.\n\n");
    }
}
