package dev.clusterstack.core.importer;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.importer.ImportReport.Kind;
import dev.clusterstack.core.model.ClusterStack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The importer on small stacks written by the test: what it writes, what it reports, what it refuses. */
class StackImporterTest {

    @Test
    @Tag("helm")
    void twoVersionsBecomeInterpolationsAndScriptsTextFiles(@TempDir Path tmp) throws Exception {
        Path stack = CsctlFixture.write(tmp.resolve("mini"), true);
        Path project = tmp.resolve("project");
        ImportReport report = StackImporter.importStack(stack, project, ImportOptions.defaults());
        String yaml = Files.readString(report.definition());
        // the image tag differs by version only: one interpolation; the source's tag follows versions.yaml
        assertTrue(yaml.contains("customImage: \"kindest/node:[=kubernetes.tag]\""), yaml);
        // the chart renders 'enabledIf: true' (Helm ate the template): kept, with a warning
        assertTrue(yaml.contains("enabledIf: \"true\""), yaml);
        assertEquals(1, report.findings(Kind.WARNING).size(), report.findings().toString());
        assertTrue(report.findings(Kind.WARNING).get(0).message().contains("probably meant the expression"));
        // the file content became a text file, byte for byte, with the escaped Go template as Helm printed it
        assertTrue(yaml.contains("source: files/motd"), yaml);
        assertEquals("Welcome to {{ ds.meta_data.local_hostname }} [=not FreeMarker]\n",
                Files.readString(report.definition().resolveSibling("files/motd")));
        assertEquals("cilium:\n  # kept as written\n  ipam: {mode: kubernetes}\n",
                Files.readString(report.definition().resolveSibling("addons/cni/values.yaml")));
        ClusterStack loaded = StackDefinition.load(report.definition()).stack();
        assertEquals(List.of("1.31.9", "1.32.5"), loaded.releases().stream().map(r -> r.kubernetesVersion().toString()).toList());
        assertTrue(Files.readString(report.report()).contains("## Warnings (1)"));
    }

    @Test
    @Tag("helm")
    void twoImportsWriteTheSameBytes(@TempDir Path tmp) throws Exception {
        Path stack = CsctlFixture.write(tmp.resolve("mini"), true);
        ImportReport first = StackImporter.importStack(stack, tmp.resolve("a"), ImportOptions.defaults());
        ImportReport second = StackImporter.importStack(stack, tmp.resolve("b"), ImportOptions.defaults());
        assertEquals(first.files().stream().map(f -> tmp.resolve("a").relativize(f)).toList(),
                second.files().stream().map(f -> tmp.resolve("b").relativize(f)).toList());
        for (Path f : first.files()) {
            assertEquals(Files.readString(f), Files.readString(tmp.resolve("b").resolve(tmp.resolve("a").relativize(f))), f.toString());
        }
    }

    @Test
    @Tag("helm")
    void csctlVersionPlaceholdersAreFilledAndReported(@TempDir Path tmp) throws Exception {
        Path stack = CsctlFixture.write(tmp.resolve("mini"), false);
        Path chart = stack.resolve("cluster-class/Chart.yaml");
        Files.writeString(chart, Files.readString(chart).replace("version: v1", "version: << .ClusterClassVersion >>"));
        Path templates = stack.resolve("cluster-class/templates/templates.yaml");
        Files.writeString(templates, Files.readString(templates).replace("spec: {}",
                "spec: {}\n  addonVersion: \"<< .ClusterAddonVersion >>\""));
        ImportReport report = StackImporter.importStack(stack, tmp.resolve("project"), ImportOptions.defaults());
        assertTrue(Files.readString(report.definition()).contains("addonVersion: v1"));
        assertEquals(List.of("cluster-class/templates/templates.yaml:9"), report.findings(Kind.NOT_CARRIED_OVER).stream()
                .map(ImportReport.Finding::where).filter(w -> w.startsWith("cluster-class/")).toList());

        Files.writeString(templates, Files.readString(templates).replace("<< .ClusterAddonVersion >>", "<< .NodeImageRegistry >>"));
        ImportException e = assertThrows(ImportException.class,
                () -> StackImporter.importStack(stack, tmp.resolve("other"), ImportOptions.defaults()));
        assertEquals(List.of("cluster-class/templates/templates.yaml:9: csctl's << .NodeImageRegistry >> has no counterpart"
                + " in a stack definition; replace it before importing"), e.problems());
        assertFalse(Files.exists(tmp.resolve("other")));
    }

    @Test
    void notAStackFolder(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        ImportException e = assertThrows(ImportException.class,
                () -> StackImporter.importStack(tmp.resolve("empty"), tmp.resolve("project"), ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("empty: not a csctl cluster stack folder: it has no csctl.yaml"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("project")));
    }

    @Test
    @Tag("helm")
    void chartHelmCannotRender(@TempDir Path tmp) throws Exception {
        Path stack = CsctlFixture.write(tmp.resolve("mini"), false);
        Files.writeString(stack.resolve("cluster-class/templates/broken.yaml"), "a: {{ .Values.image | nosuchfunction }}\n");
        ImportException e = assertThrows(ImportException.class,
                () -> StackImporter.importStack(stack, tmp.resolve("project"), ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("Helm cannot render the chart") && e.getMessage().contains("broken.yaml"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("project")));
    }

    @Test
    void lookupAndMissingValuesNameFileAndLine(@TempDir Path tmp) throws Exception {
        Path stack = CsctlFixture.write(tmp.resolve("mini"), false);
        Files.writeString(stack.resolve("cluster-class/templates/more.yaml"),
                "# {{ lookup \"v1\" \"Secret\" \"ns\" \"x\" }}\nb: {{ .Values.flavors.worker }}\n");
        ImportException e = assertThrows(ImportException.class,
                () -> StackImporter.importStack(stack, tmp.resolve("project"), ImportOptions.defaults()));
        assertEquals(List.of(
                "cluster-class/templates/more.yaml:1: calls 'lookup': the operator renders the chart without a cluster,"
                        + " so it always gets an empty result; replace it before importing",
                "cluster-class/templates/more.yaml:2: needs .Values.flavors.worker, which cluster-class/values.yaml does"
                        + " not set (the operator passes no values)"), e.problems());
        assertFalse(Files.exists(tmp.resolve("project")));
    }

    @Test
    @Tag("helm")
    void existingDefinitionNeedsOverwrite(@TempDir Path tmp) throws Exception {
        Path stack = CsctlFixture.write(tmp.resolve("mini"), false);
        Path project = tmp.resolve("project");
        Path definition = project.resolve("src/main/clusterstack/stack.yaml");
        Files.createDirectories(definition.getParent());
        Files.writeString(definition, "provider: docker\n");
        ImportException e = assertThrows(ImportException.class,
                () -> StackImporter.importStack(stack, project, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("stack.yaml: the project has a stack definition already"), e.getMessage());
        assertEquals("provider: docker\n", Files.readString(definition));
        StackImporter.importStack(stack, project, ImportOptions.defaults().withOverwrite(true));
        assertTrue(Files.readString(definition).contains("name: mini"));
    }
}
