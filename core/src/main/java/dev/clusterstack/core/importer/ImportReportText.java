package dev.clusterstack.core.importer;

import dev.clusterstack.core.importer.ImportReport.Finding;
import dev.clusterstack.core.importer.ImportReport.Kind;

import java.util.List;

/** The import report ({@value StackImporter#REPORT_FILE}): the findings by kind, each section with what it means. */
final class ImportReportText {
    private ImportReportText() {
    }

    static String report(CsctlStack stack, List<Finding> findings) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Import of ").append(stack.provider).append('/').append(stack.name).append("\n\n");
        sb.append("Source: `").append(stack.folder.getFileName()).append("` (csctl layout), Kubernetes ");
        sb.append(String.join(", ", stack.versions.stream().map(v -> String.valueOf(v.get("kubernetes"))).toList()));
        sb.append(stack.versionsFile ? " from versions.yaml" : " from csctl.yaml").append(".\n\n");
        section(sb, findings, Kind.NOT_CARRIED_OVER, "Not carried over",
                "The generated release differs from the original here. Check each by hand.");
        section(sb, findings, Kind.WARNING, "Warnings", "Carried over exactly, but probably not what was meant.");
        section(sb, findings, Kind.NORMALISED, "Normalised",
                "The generated release differs here only in a way the operator and Cluster API treat alike.");
        return sb.toString();
    }

    static void section(StringBuilder sb, List<Finding> findings, Kind kind, String title, String intro) {
        List<Finding> own = findings.stream().filter(f -> f.kind() == kind).toList();
        sb.append("## ").append(title).append(" (").append(own.size()).append(")\n\n");
        if (own.isEmpty()) {
            sb.append("Nothing.\n\n");
            return;
        }
        sb.append(intro).append("\n\n");
        for (Finding f : own) {
            sb.append("- `").append(f.where()).append("`: ").append(f.message()).append('\n');
        }
        sb.append('\n');
    }
}
