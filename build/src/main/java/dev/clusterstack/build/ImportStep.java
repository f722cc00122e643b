package dev.clusterstack.build;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.importer.ImportException;
import dev.clusterstack.core.importer.ImportOptions;
import dev.clusterstack.core.importer.ImportReport;
import dev.clusterstack.core.importer.ImportReport.Finding;
import dev.clusterstack.core.importer.ImportReport.Kind;
import dev.clusterstack.core.importer.StackImporter;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.clusterstack.build.ClusterStackRunner.plural;

/**
 * The {@code import} step: a hand-written stack in csctl's layout ({@link Setting#IMPORT_SOURCE}) becomes the
 * project's {@code src/main/clusterstack/stack.yaml} with its text files, and the report of what is not carried over
 * ({@link StackImporter}). A project with a definition already is refused unless {@link Setting#IMPORT_OVERWRITE}.
 */
final class ImportStep {
    private final ClusterStackRunner runner;
    private final StackBuildSettings settings;

    ImportStep(ClusterStackRunner runner) {
        this.runner = runner;
        this.settings = runner.settings;
    }

    ImportReport run(Path source, boolean overwrite) {
        if (source == null || source.toString().isBlank()) {
            throw runner.error(Setting.IMPORT_SOURCE, "no stack folder to import: name the folder of a hand-written"
                    + " stack in csctl's layout (with csctl.yaml, or the metadata.yaml of the layout before csctl)");
        }
        Path folder = settings.projectDirectory().resolve(source).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw runner.error(Setting.IMPORT_SOURCE, "there is no folder " + folder);
        }
        Path definition = settings.projectDirectory().resolve(StackDefinition.DEFAULT_FILE);
        if (Files.exists(definition) && !overwrite) {
            throw runner.error(Setting.IMPORT_OVERWRITE, "the project " + settings.projectDirectory() + " has a stack"
                    + " definition " + runner.display(definition) + " already; nothing was written: set "
                    + runner.wording.brief(Setting.IMPORT_OVERWRITE) + " to replace it");
        }
        ImportReport report;
        try {
            report = StackImporter.importStack(folder, settings.projectDirectory(),
                    new ImportOptions(overwrite, settings.chartCache()));
        } catch (ImportException e) {
            throw new StackBuildException(e.getMessage() + "\nNothing was written.");
        }
        int notCarried = report.findings(Kind.NOT_CARRIED_OVER).size();
        int warnings = report.findings(Kind.WARNING).size();
        int normalised = report.findings(Kind.NORMALISED).size();
        runner.log.info("Imported the cluster stack " + folder + ": wrote " + runner.display(report.definition())
                + " and " + plural(report.files().size() - 2, "text file") + " beside it");
        runner.log.info("Import report " + runner.display(report.report()) + ": " + notCarried + " not carried over, "
                + plural(warnings, "warning") + ", " + normalised + " normalised");
        for (Finding f : report.findings()) {
            runner.log.debug(f.kind() + " " + f.where() + ": " + f.message());
        }
        if (notCarried > 0) {
            runner.log.warn(plural(notCarried, "part") + " of the original stack " + (notCarried == 1 ? "is" : "are")
                    + " not carried over (the generated release differs there): check "
                    + runner.display(report.report()) + " by hand");
        }
        if (warnings > 0) {
            runner.log.warn(plural(warnings, "import warning") + ": carried over exactly but probably not what was meant;"
                    + " see " + runner.display(report.report()));
        }
        return report;
    }
}
