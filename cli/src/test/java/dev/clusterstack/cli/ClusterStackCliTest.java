package dev.clusterstack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clusterstack.core.testsupport.LoopbackPushRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: exit codes, messages, help, and what it writes. */
class ClusterStackCliTest {

    static final String STACK = """
            provider: docker
            name: scs
            kubernetesVersions:
              - version: 1.31.9
              - version: 1.32.5
            clusterClass:
              infrastructure:
                ref: cluster
              controlPlane:
                ref: control-plane
            templates:
              - name: cluster
                kind: DockerClusterTemplate
              - name: control-plane
                kind: KubeadmControlPlaneTemplate
            addons:
              - name: cni
                chart:
                  name: cilium
                  version: 1.16.6
                  repository: https://helm.cilium.io/
            """;

    @TempDir
    Path stack;

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ClusterStackCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void writeStack() throws IOException {
        Files.createDirectories(stack.resolve("src/main/clusterstack"));
        Files.writeString(stack.resolve("src/main/clusterstack/stack.yaml"), STACK);
    }

    @Test
    void buildWritesTheReleaseFoldersAndTheChartsAndExitsZero() {
        Run run = cli("build", stack.toString());

        assertEquals(0, run.code(), run::toString);
        assertTrue(Files.isRegularFile(stack.resolve("target/cluster-stacks/docker-scs-1-32-v1/docker-scs-1-32-cluster-class-v1.tgz")));
        assertTrue(Files.isRegularFile(stack.resolve("target/cluster-stacks/docker-scs-1-31-v1/metadata.yaml")));
        assertTrue(Files.isRegularFile(stack.resolve("target/cluster-stacks-charts/docker-scs-1-32/cluster-class/Chart.yaml")));
        assertTrue(run.out().contains("Built release docker-scs-1-32-v1 (Kubernetes 1.32.5, clusterStack v1, clusterAddon v1,"
                + " nodeImage v1)"), run.out());
        assertEquals("", run.err());

        Run again = cli("build", stack.toString());
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("Cluster stack releases are up to date (2 releases), nothing written"), again.out());
    }

    @Test
    void aWrongStackExitsOneWithLocatedProblemsAndNoStackTrace() throws IOException {
        Files.writeString(stack.resolve("src/main/clusterstack/stack.yaml"), STACK.replace("    ref: cluster", "    ref: [cluster]"));

        Run run = cli("build", stack.toString());

        assertEquals(1, run.code(), run::toString);
        assertTrue(run.err().startsWith("1 error in the cluster stack:\n"), run.err());
        assertTrue(run.err().contains("\nsrc/main/clusterstack/stack.yaml:8:10: error: clusterClass.infrastructure.ref: "),
                run.err());
        assertNoStackTrace(run);
        assertFalse(Files.exists(stack.resolve("target/cluster-stacks")), "nothing written");
    }

    @Test
    void aWrongSettingExitsTwoNamingTheOption() {
        Run run = cli("build", stack.toString(), "--version-mode", "foo");

        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().startsWith("error: --version-mode: 'foo' is not one of custom, hash, stable\n"), run.err());
        assertNoStackTrace(run);

        Run custom = cli("build", stack.toString(), "--version-mode", "custom", "--cluster-stack-version", "v3");
        assertEquals(2, custom.code(), custom::toString);
        assertTrue(custom.err().startsWith("error: --cluster-addon-version: is required when --version-mode is custom\n"),
                custom.err());
    }

    @Test
    void aMissingDefinitionExitsTwo(@TempDir Path empty) {
        Run run = cli("docs", empty.toString());

        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().startsWith("error: --definitions: there is no stack definition src/main/clusterstack/stack.yaml"
                + " (the default): write one there or list the files in --definitions\n"), run.err());
    }

    @Test
    void anUnknownOptionOrNoCommandExitsTwoWithTheUsage() {
        Run unknown = cli("build", stack.toString(), "--versoin-mode", "hash");
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().startsWith("Unknown options: '--versoin-mode', 'hash'\n"), unknown.err());
        assertTrue(unknown.err().contains("Possible solutions: --verbose, --version-mode"), unknown.err());

        Run none = cli();
        assertEquals(2, none.code(), none::toString);
        assertTrue(none.err().contains("a command is required: build, verify, docs or publish"), none.err());
    }

    @Test
    void helpListsTheCommandsAndTheOptionsWithTheirDefaults() {
        Run help = cli("--help");
        assertEquals(0, help.code(), help::toString);
        for (String command : new String[]{"build", "verify", "docs", "publish"}) {
            assertTrue(help.out().contains("\n  " + command + " "), help.out());
        }
        assertTrue(help.out().contains("Exit codes: 0 done, 1 the stack is wrong"), help.out());

        Run build = cli("build", "--help");
        assertEquals(0, build.code(), build::toString);
        assertTrue(build.out().contains("--version-mode=MODE"), build.out());
        assertTrue(build.out().contains("Default: stable"), build.out());
        assertTrue(build.out().contains("[STACK_FOLDER]"), build.out());
    }

    @Test
    void versionNamesTheBuild() {
        Run run = cli("--version");
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().matches("clusterstack \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\nJava .*\n"), run.out());
    }

    @Test
    void docsAndVerifyWithoutABuildRunOnTheStackFolder() throws IOException {
        Run docs = cli("docs", stack.toString());
        assertEquals(0, docs.code(), docs::toString);
        assertTrue(Files.readString(stack.resolve("target/cluster-stack-docs/docker-scs.md"))
                .startsWith("# Cluster stack `docker` `scs`: variables\n"));

        Run verify = cli("verify", stack.toString());
        assertEquals(0, verify.code(), verify::toString);
        assertEquals("warning: No cluster stack releases of this build to verify: clusterstack build has not run for"
                + " this project\n", verify.err());
    }

    @Test
    void publishWithoutRepositoryExitsTwo() {
        Run run = cli("publish", stack.toString());
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().startsWith("error: --repository: no OCI repository to publish to: set it to oci://host[:port]/path\n"),
                run.err());
    }

    @Test
    void aRegistryBaselineContinuesTheVersionsPublishedThere() throws IOException {
        try (LoopbackPushRegistry registry = LoopbackPushRegistry.anonymous()) {
            String repository = "oci://" + registry.hostPort() + "/stacks";
            assertEquals(0, cli("build", stack.toString(), "--quiet").code());
            Run publish = cli("publish", stack.toString(), "--repository", repository, "--plain-http");
            assertEquals(0, publish.code(), publish::toString);
            Files.writeString(stack.resolve("src/main/clusterstack/stack.yaml"),
                    STACK.replace("version: 1.16.6", "version: 1.16.7"));

            // a fresh build folder (a CI checkout): the versions come from the registry, not from v1
            Run build = cli("build", stack.toString(), "--build-directory", "fresh", "--baseline", repository,
                    "--baseline-plain-http");

            assertEquals(0, build.code(), build::toString);
            assertTrue(build.out().contains("Built release docker-scs-1-32-v2 (Kubernetes 1.32.5, clusterStack v2,"
                    + " clusterAddon v2, nodeImage v1)"), build.out());
            assertTrue(Files.isDirectory(stack.resolve("fresh/clusterstack/baseline-cache")));
        }
    }

    @Test
    void aBadRegistryBaselineOrMissingPasswordExitsTwoNamingTheOption() {
        Run upper = cli("build", stack.toString(), "--baseline", "oci://registry.example.com/Upper");
        assertEquals(2, upper.code(), upper::toString);
        assertTrue(upper.err().startsWith("error: --baseline: 'oci://registry.example.com/Upper' is not an OCI repository"
                + " address like oci://host[:port]/path"), upper.err());

        Run noPassword = cli("build", stack.toString(), "--baseline", "oci://registry.example.com/stacks",
                "--baseline-username", "ci");
        assertEquals(2, noPassword.code(), noPassword::toString);
        assertTrue(noPassword.err().startsWith("error: --baseline-username: needs the password or token in"
                + " $CLUSTERSTACK_BASELINE_PASSWORD\n"), noPassword.err());
        assertNoStackTrace(noPassword);
    }

    @Test
    void planPlansTheReleasesOfTheLastBuildAndAMissingChartExitsTwo() {
        Run before = cli("plan", stack.toString());
        assertEquals(0, before.code(), before::toString);
        assertTrue(before.err().startsWith("warning: No cluster stack releases of this build to plan: clusterstack build has"
                + " not run for this project (or give --chart)"), before.err());

        assertEquals(0, cli("build", stack.toString(), "--quiet").code());
        Run plan = cli("plan", stack.toString());
        assertEquals(0, plan.code(), plan::toString);
        // no test clusters and no variables: one automatic cluster per release
        assertTrue(plan.out().contains("Planned 2 clusters against 2 releases in target/cluster-stack-plans"), plan.out());
        assertTrue(Files.isRegularFile(stack.resolve("target/cluster-stack-plans/docker-scs-1-32/auto-defaults/plan.md")));
        assertTrue(Files.isRegularFile(stack.resolve("target/cluster-stack-plans/plans.md")));

        Run missing = cli("plan", stack.toString(), "--chart", stack.resolve("nope").toString());
        assertEquals(2, missing.code(), missing::toString);
        assertTrue(missing.err().startsWith("error: --chart: there is no cluster-class chart folder or .tgz nope\n"),
                missing.err());
    }

    static void assertNoStackTrace(Run run) {
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
