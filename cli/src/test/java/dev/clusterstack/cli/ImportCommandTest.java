package dev.clusterstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clusterstack.cli.ClusterStackCliTest.Run;
import dev.clusterstack.core.importer.CsctlFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clusterstack import} as a user runs it: a csctl-layout stack into an empty folder, then built with
 * {@code clusterstack build}; exit 1 for a source that cannot be imported, 2 for a wrong option or a project with a
 * definition already; nothing written on either.
 */
@Tag("helm")
class ImportCommandTest {

    @TempDir
    Path tmp;

    private static Run cli(String... args) {
        return ClusterStackCliTest.cli(args);
    }

    @Test
    void importsIntoAnEmptyFolderThatThenBuilds() throws IOException {
        Path source = CsctlFixture.write(tmp.resolve("mini"), false);
        Path project = tmp.resolve("project");

        Run run = cli("import", source.toString(), "--project", project.toString());

        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("Imported the cluster stack " + source + ": wrote src/main/clusterstack/stack.yaml"
                + " and 2 text files beside it\n"), run.out());
        assertTrue(run.out().contains("Import report target/clusterstack-import/report.md: 0 not carried over, 1 warning,"
                + " 0 normalised\n"), run.out());
        // the fixture's enabledIf renders to 'true' (Helm ate the template): carried over, with a warning
        assertEquals("warning: 1 import warning: carried over exactly but probably not what was meant; see"
                + " target/clusterstack-import/report.md\n", run.err());
        assertTrue(Files.readString(project.resolve("src/main/clusterstack/files/motd")).startsWith("Welcome to"));
        String definition = Files.readString(project.resolve("src/main/clusterstack/stack.yaml"));
        assertTrue(definition.contains("name: imageRepository"), definition);
        assertTrue(Files.isRegularFile(project.resolve("target/clusterstack-import/report.md")));

        Run build = cli("build", project.toString(), "--quiet");
        assertEquals(0, build.code(), build::toString);
        assertTrue(Files.isRegularFile(project.resolve(
                "target/cluster-stacks/docker-mini-1-31-v1/docker-mini-1-31-cluster-class-v1.tgz")));
    }

    @Test
    void aProjectWithADefinitionIsRefusedUnlessOverwrite() throws IOException {
        Path source = CsctlFixture.write(tmp.resolve("mini"), false);
        Path project = tmp.resolve("project");
        Path definition = project.resolve("src/main/clusterstack/stack.yaml");
        Files.createDirectories(definition.getParent());
        Files.writeString(definition, "provider: docker\n");

        Run run = cli("import", source.toString(), "--project", project.toString());

        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().startsWith("error: --overwrite: the project " + project + " has a stack definition"
                + " src/main/clusterstack/stack.yaml already; nothing was written: set --overwrite to replace it\n"), run.err());
        assertEquals("provider: docker\n", Files.readString(definition));
        assertFalse(Files.exists(project.resolve("target")), "no report");

        Run overwrite = cli("import", source.toString(), "--project", project.toString(), "--overwrite", "--quiet");
        assertEquals(0, overwrite.code(), overwrite::toString);
        assertTrue(Files.readString(definition).contains("name: mini"));
    }

    @Test
    void aFolderThatIsNotAStackExitsOneNamingItAndWritesNothing() throws IOException {
        Path notAStack = Files.createDirectories(tmp.resolve("charts"));
        Path project = tmp.resolve("project");

        Run run = cli("import", notAStack.toString(), "--project", project.toString());

        assertEquals(1, run.code(), run::toString);
        assertEquals("error: cannot import the cluster stack: " + notAStack + ": not a csctl cluster stack folder: it has"
                + " no csctl.yaml (nor the metadata.yaml of the layout before csctl)\nNothing was written.\n", run.err());
        assertFalse(Files.exists(project), "nothing written");
    }

    @Test
    void lookupAndMissingValuesExitOneNamingFileAndLine() throws IOException {
        Path source = CsctlFixture.write(tmp.resolve("mini"), false);
        Path templates = source.resolve("cluster-class/templates/templates.yaml");
        Files.writeString(templates, Files.readString(templates)
                .replace("spec: {}", "spec:\n      loadBalancer: {{ (lookup \"v1\" \"Secret\" \"x\" \"y\").data }}")
                .replace("customImage: {{ .Values.image }}", "customImage: {{ .Values.images.node }}"));
        Path project = tmp.resolve("project");

        Run run = cli("import", source.toString(), "--project", project.toString());

        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().startsWith("error: 2 problems, cannot import the cluster stack:\n"), run.err());
        assertTrue(run.err().contains("\n  cluster-class/templates/templates.yaml:9: calls 'lookup': "), run.err());
        assertTrue(run.err().contains("\n  cluster-class/templates/templates.yaml:19: needs .Values.images.node, which"
                + " cluster-class/values.yaml does not set"), run.err());
        ClusterStackCliTest.assertNoStackTrace(run);
        assertFalse(Files.exists(project), "nothing written");
    }

    @Test
    void aChartHelmCannotRenderExitsOneNamingTheFile() throws IOException {
        Path source = CsctlFixture.write(tmp.resolve("mini"), false);
        Files.writeString(source.resolve("cluster-class/templates/broken.yaml"), "a: {{ .Values.image | nosuchfunction }}\n");
        Path project = tmp.resolve("project");

        Run run = cli("import", source.toString(), "--project", project.toString());

        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().startsWith("error: cannot import the cluster stack: cluster-class (Kubernetes 1.31.9): Helm"
                + " cannot render the chart: "), run.err());
        assertTrue(run.err().contains("broken.yaml"), run.err());
        ClusterStackCliTest.assertNoStackTrace(run);
        assertFalse(Files.exists(project), "nothing written");
    }

    @Test
    void aMissingOrWrongSourceExitsTwo() {
        Run none = cli("import");
        assertEquals(2, none.code(), none::toString);
        assertTrue(none.err().startsWith("Missing required parameter: 'SOURCE'\n"), none.err());

        Path missing = tmp.resolve("nowhere");
        Run wrong = cli("import", missing.toString(), "--project", tmp.resolve("project").toString());
        assertEquals(2, wrong.code(), wrong::toString);
        assertTrue(wrong.err().startsWith("error: SOURCE: there is no folder " + missing + "\n"), wrong.err());
    }
}
