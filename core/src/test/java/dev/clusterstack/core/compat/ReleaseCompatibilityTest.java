package dev.clusterstack.core.compat;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.StackVersion;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.testsupport.SharedFolder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real release folders built by the ReleaseBuilder from small stacks that differ in one thing each, compared
 * with the cluster-class charts rendered by real Helm.
 */
@Tag("helm")
@Tag("shared")
class ReleaseCompatibilityTest {

    static final Path DOCKER = Path.of("src/test/resources/stacks/docker");
    static final String LEGACY = """
              variables:
                - name: legacyFlag
                  schema:
                    openAPIV3Schema:
                      type: string
                      description: Kept for old clusters.
            """;
    static final String ADDED = """
                - name: motdText
                  schema:
                    openAPIV3Schema:
                      type: string
                      default: hello
                      description: Message of the day.
            """;

    static HelmRunner helm;

    @BeforeAll
    static void startHelm() {
        helm = HelmRunner.create();
    }

    @AfterAll
    static void stopHelm() {
        helm.close();
    }

    /** The docker test stack for Kubernetes 1.32 only, edited by {@code edit}, built in stable mode. */
    static Path build(Path work, String label, Path baseline, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path stackDir = work.resolve("stack-" + label);
        copy(DOCKER, stackDir);
        Path yaml = stackDir.resolve("stack.yaml");
        String text = Files.readString(yaml).replace("  - version: 1.31.9\n", "");
        Files.writeString(yaml, edit.apply(text));
        Path out = work.resolve("out-" + label);
        List<ReleaseBuilder.ReleaseOutput> releases = ReleaseBuilder.build(StackDefinition.load(yaml).stack(),
                new ReleaseBuilder.Options(VersionMode.STABLE, null, out, baseline, null, false, null));
        assertEquals(1, releases.size());
        return releases.get(0).folder();
    }

    static String withLegacy(String text) {
        return text.replace("  variables:\n", LEGACY);
    }

    @Test
    void removedVariableAddedVariableAndControlPlaneChange(@TempDir Path work) throws IOException {
        Path base = build(work, "base", null, ReleaseCompatibilityTest::withLegacy);
        assertEquals("docker-scs-1-32-v1", base.getFileName().toString());
        Path baseline = base.getParent();
        List<String> baseFiles = list(base);

        // 1. the variable legacyFlag is removed: an error naming the variable and the rule
        Path removed = build(work, "removed", baseline, t -> t);
        assertEquals("docker-scs-1-32-v2", removed.getFileName().toString());
        List<Path> predecessors = Predecessors.find(baseline, "docker", "scs", "1-32", StackVersion.parse("v2"));
        assertEquals(List.of(base), predecessors);
        CompatReport report = Compatibility.check(ReleaseInput.of(removed), predecessors.stream().map(ReleaseInput::of).toList(),
                CompatibilityPolicy.strict(), helm);
        assertTrue(report.failed());
        assertEquals(List.of("docker-scs-1-32-v2: error: upgrade from docker-scs-1-32-v1: legacyFlag: variable legacyFlag is"
                + " removed; clusters that set it fail with \"variable is not defined\" [clusterstack rule variable-removed"
                + " (this project's, not Cluster API's): a variable or property a cluster may set is gone: Cluster API"
                + " refuses the cluster's value as not defined]"), report.lines());
        assertEquals(List.of("legacyFlag"), report.comparisons().get(0).diff().variablesRemoved());
        // allowed with a reason: listed, not failing; the predecessor given as its cluster-class chart archive
        CompatReport allowed = Compatibility.check(ReleaseInput.of(removed),
                List.of(ReleaseInput.of(base.resolve("docker-scs-1-32-cluster-class-v1.tgz"))),
                CompatibilityPolicy.strict().allowing(Rule.VARIABLE_REMOVED, "legacyFlag", "no cluster sets it"), helm);
        assertFalse(allowed.failed());
        assertEquals(List.of("allowed: upgrade from docker-scs-1-32-v1: legacyFlag: variable legacyFlag is removed; clusters"
                + " that set it fail with \"variable is not defined\" [" + Rule.VARIABLE_REMOVED.attribution() + "] (allowed: no"
                + " cluster sets it)"), allowed.findings().stream().map(Finding::toString).toList());

        // 2. a variable with a default is added: passes, the notes list it
        Path added = build(work, "added", baseline, t -> withLegacy(t).replace(LEGACY, LEGACY + ADDED));
        CompatReport addedReport = Compatibility.check(ReleaseInput.of(added), List.of(ReleaseInput.of(base)),
                CompatibilityPolicy.strict(), helm);
        assertFalse(addedReport.failed(), String.join("\n", addedReport.lines()));
        assertEquals(List.of(), addedReport.findings());
        Path notesFolder = ReleaseNotes.defaultFolder(baseline);
        Path notes = ReleaseNotes.write(addedReport, notesFolder);
        assertEquals(work.resolve("cluster-stacks-notes/docker-scs-1-32-v2.md").toAbsolutePath().normalize(), notes);
        String text = Files.readString(notes, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# docker-scs-1-32-v2\n\nKubernetes v1.32.5.\n\n## Upgrade from docker-scs-1-32-v1\n\n"
                + "Kubernetes v1.32.5 (unchanged).\n\n### Compatibility\n\nNo findings: clusters on docker-scs-1-32-v1 can"
                + " switch to this class.\n\n### Variables\n\n- added: motdText (optional, default \"hello\")\n\n"), text);
        assertTrue(text.contains("### Templates\n\nNo changes.\n"), text);
        assertEquals(text, ReleaseNotes.render(Compatibility.check(ReleaseInput.of(added), List.of(ReleaseInput.of(base)),
                CompatibilityPolicy.strict(), helm)), "same input, same bytes");

        // 3. a control plane file changes: the notes say the control plane machines roll out
        Path cp = build(work, "cp", baseline, t -> withLegacy(t).replace("host.docker.internal]", "host.docker.internal, cp.example]"));
        CompatReport cpReport = Compatibility.check(ReleaseInput.of(cp), List.of(ReleaseInput.of(base)),
                CompatibilityPolicy.strict(), helm);
        assertEquals(List.of(), cpReport.findings());
        assertEquals(List.of("KubeadmControlPlaneTemplate (controlPlane): spec changed; the control plane object is updated"
                + " in place and rolls out the control plane machines (settings that only the control plane object reads,"
                + " such as its rollout or remediation, do not; the upgrade preview tells which)"),
                cpReport.comparisons().get(0).diff().templates().stream().map(ReleaseDiff.TemplateChange::text).toList());
        assertTrue(ReleaseNotes.render(cpReport).contains("### Templates\n\n- KubeadmControlPlaneTemplate (controlPlane):"
                + " spec changed; the control plane object is updated in place and rolls out the control plane machines"));

        // nothing was written into a release folder, and notes refuse to go there
        assertEquals(baseFiles, list(base));
        CompatException inside = assertThrows(CompatException.class, () -> ReleaseNotes.write(addedReport, base.resolve("notes")));
        assertTrue(inside.getMessage().contains("lies inside the release folder " + base), inside.getMessage());
        assertFalse(Files.exists(base.resolve("notes")));
    }

    @Test
    void badInputIsNamed(@TempDir Path work) throws IOException {
        CompatException missing = assertThrows(CompatException.class,
                () -> Predecessors.find(work.resolve("nope"), "docker", "scs", "1-32", StackVersion.parse("v2")));
        assertEquals("baseline " + work.resolve("nope") + " is not a folder of release folders (it does not exist)",
                missing.getMessage());
        Files.writeString(work.resolve("file"), "x");
        assertTrue(assertThrows(CompatException.class, () -> Predecessors.find(work.resolve("file"), "docker", "scs", "1-32",
                StackVersion.parse("v2"))).getMessage().endsWith("(it is a file)"));

        Path base = build(work, "base", null, t -> t);
        // a partial release folder: its cluster-class archive is missing
        Path partial = work.resolve("partial/docker-scs-1-32-v1");
        copy(base, partial);
        Files.delete(partial.resolve("docker-scs-1-32-cluster-class-v1.tgz"));
        CompatException partialError = assertThrows(CompatException.class,
                () -> Compatibility.check(ReleaseInput.of(base), List.of(ReleaseInput.of(partial)), CompatibilityPolicy.strict(), helm));
        assertEquals("release " + partial + " is partial: docker-scs-1-32-cluster-class-v1.tgz is missing", partialError.getMessage());
        // a baseline release folder without metadata.yaml
        Files.delete(partial.resolve("metadata.yaml"));
        assertEquals("baseline " + partial.getParent() + ": release docker-scs-1-32-v1 is partial: it has no metadata.yaml",
                assertThrows(CompatException.class, () -> Predecessors.find(partial.getParent(), "docker", "scs", "1-32",
                        StackVersion.parse("v2"))).getMessage());

        // a predecessor of another stack name
        Path other = build(work, "other", null, t -> t.replace("name: scs\n", "name: other\n"));
        CompatException foreign = assertThrows(CompatException.class,
                () -> Compatibility.check(ReleaseInput.of(base), List.of(ReleaseInput.of(other)), CompatibilityPolicy.strict(), helm));
        assertEquals("predecessor " + other + " is a release of docker-other (docker-other-1-32-v1), but the new release"
                + " docker-scs-1-32-v1 is of docker-scs: clusters only upgrade within one provider and stack name", foreign.getMessage());
    }

    @Test
    void predecessorsAreThePreviousReleaseOfTheMinorAndTheLatestOfThePreviousMinor(@TempDir Path baseline) throws IOException {
        for (String f : List.of("docker-scs-1-32-v1", "docker-scs-1-32-v2", "docker-scs-1-32-v3", "docker-scs-1-33-v1",
                "docker-scs-1-33-v2", "docker-scs-1-33-v0-sha.abcdef0", "openstack-scs-1-33-v9", "docker-scs-1-31-v7")) {
            Files.createDirectories(baseline.resolve(f));
            Files.writeString(baseline.resolve(f).resolve("metadata.yaml"), "");
        }
        assertEquals(List.of(baseline.resolve("docker-scs-1-33-v2"), baseline.resolve("docker-scs-1-32-v3")),
                Predecessors.find(baseline, "docker", "scs", "1-33", StackVersion.parse("v3")));
        assertEquals(List.of(baseline.resolve("docker-scs-1-33-v1"), baseline.resolve("docker-scs-1-32-v3")),
                Predecessors.find(baseline, "docker", "scs", "1.33", StackVersion.parse("v2")));
        assertEquals(List.of(baseline.resolve("docker-scs-1-32-v3")),
                Predecessors.find(baseline, "docker", "scs", "1-33", StackVersion.parse("v1")));
        assertEquals(List.of(), Predecessors.find(baseline, "docker", "scs", "1-30", StackVersion.parse("v1")));
    }

    /** Hand-written cluster-class charts of the reference SCS stacks (folders, not release folders). */
    @Test
    void handWrittenOpenStackScsFrom128To132() {
        Path stacks = SharedFolder.sharedOrSkip("reference/cluster-stacks");
        Path older = stacks.resolve("61f0749-2024-03-18/providers/openstack/scs/1-28/cluster-class");
        Path newer = stacks.resolve("HEAD-a931cdb/providers/openstack/scs/cluster-class");
        CompatReport report = Compatibility.check(ReleaseInput.of(newer), List.of(ReleaseInput.of(older)),
                CompatibilityPolicy.strict(), helm);
        assertEquals("openstack-scs-1-32-v1", report.release());
        // checked by hand in the two charts' templates/cluster-class.yaml: the 1-28 chart names its worker class
        // {{ .Release.Name }}-{{ .Chart.Version }}-md-0-no1, the 1-32 chart default-worker; the variable
        // openstack_loadbalancer_apiserver is gone; controller_flavor's default went from SCS-2V-4-20 to SCS-2V-4-20s
        List<String> errors = report.findings().stream().filter(f -> f.level() == Finding.Level.ERROR)
                .map(f -> f.rule().id() + " " + f.path() + ": " + f.message()).toList();
        assertEquals(List.of("machine-deployment-class-removed spec.workers.machineDeployments: class"
                        + " openstack-scs-1-28-v1-md-0-no1 is removed: clusters with a machine deployment of this class cannot upgrade",
                "variable-removed openstack_loadbalancer_apiserver: variable openstack_loadbalancer_apiserver is removed;"
                        + " clusters that set it fail with \"variable is not defined\""), errors);
        assertTrue(report.findings().stream().anyMatch(f -> f.level() == Finding.Level.WARNING
                && f.path().equals("controller_flavor")
                && f.message().equals("default was \"SCS-2V-4-20\" is now \"SCS-2V-4-20s\"")));
        ReleaseDiff diff = report.comparisons().get(0).diff();
        assertNull(diff.kubernetesFrom(), "a chart has no metadata.yaml");
        assertEquals(List.of(), diff.addonCharts());
        assertTrue(diff.variablesAdded().contains("apiserver_loadbalancer (optional, default \"octavia-amphora\")"),
                diff.variablesAdded().toString());
        assertTrue(diff.templates().stream().anyMatch(t -> t.role().equals("controlPlane")
                && t.impact() == ReleaseDiff.Impact.MACHINES_ROLL_OUT), diff.templates().toString());
    }
    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
