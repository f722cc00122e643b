package dev.clusterstack.cli;

import static dev.clusterstack.cli.ClusterStackCliTest.assertNoStackTrace;
import static dev.clusterstack.cli.ClusterStackCliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clusterstack.cli.ClusterStackCliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upgrade safety on the command line: {@code verify} and {@code compat}, their exit codes and options. */
class CompatCommandTest {
    static final String VARIABLE = """
              variables:
                - name: imageRepository
                  required: false
                  schema:
                    openAPIV3Schema:
                      type: string
                      default: ""
                      description: Registry for the control plane images.
            """;
    static final String STACK = ClusterStackCliTest.STACK.replace("templates:\n", VARIABLE + "templates:\n");

    @TempDir
    Path stack;

    void define(String text) throws IOException {
        Files.createDirectories(stack.resolve("src/main/clusterstack"));
        Files.writeString(stack.resolve("src/main/clusterstack/stack.yaml"), text);
    }

    @Test
    void verifyAndCompatFailWithExitOneWhenAVariableIsRemoved() throws IOException {
        define(STACK);
        assertEquals(0, cli("build", stack.toString(), "--quiet").code());
        Run first = cli("verify", stack.toString());
        assertEquals(0, first.code(), first::toString);
        assertTrue(first.out().contains("Release docker-scs-1-31-v1: no earlier release in target/cluster-stacks to upgrade"
                + " from, nothing to check\n"), first.out());
        assertTrue(Files.isRegularFile(stack.resolve("target/cluster-stacks-notes/docker-scs-1-32-v1.md")));

        define(ClusterStackCliTest.STACK);
        assertEquals(0, cli("build", stack.toString(), "--quiet").code());
        Run verify = cli("verify", stack.toString());
        assertEquals(1, verify.code(), verify::toString);
        assertTrue(verify.err().startsWith("error: Upgrade compatibility check failed: 2 errors (clusters on an earlier"
                + " release could not upgrade):\n  docker-scs-1-31-v2: error: upgrade from docker-scs-1-31-v1: imageRepository:"
                + " variable imageRepository is removed"), verify.err());
        assertNoStackTrace(verify);

        Run skipped = cli("verify", stack.toString(), "--skip-compat");
        assertEquals(0, skipped.code(), skipped::toString);
        assertTrue(skipped.out().contains("Skipping the upgrade compatibility check (--skip-compat)\n"), skipped.out());

        Path v1 = stack.resolve("target/cluster-stacks/docker-scs-1-32-v1");
        Path v2 = stack.resolve("target/cluster-stacks/docker-scs-1-32-v2");
        Run pair = cli("compat", stack.toString(), "--older", v1.toString(), "--newer", v2.toString(),
                "--notes-directory", stack.resolve("notes").toString());
        assertEquals(1, pair.code(), pair::toString);
        assertTrue(pair.err().startsWith("error: Upgrade compatibility check failed: 1 error"), pair.err());
        assertTrue(Files.readString(stack.resolve("notes/docker-scs-1-32-v2.md")).contains("- removed: imageRepository\n"));

        Run backwards = cli("compat", stack.toString(), "--older", v2.toString(), "--newer", v2.toString());
        assertEquals(0, backwards.code(), backwards::toString);
        assertTrue(backwards.out().contains("Compared release docker-scs-1-32-v2 with docker-scs-1-32-v2: clusters can"
                + " upgrade (0 warnings)"), backwards.out());
    }

    @Test
    void aMissingOtherReleaseIsAWrongOption() throws IOException {
        define(STACK);
        Run run = cli("compat", stack.toString(), "--older", stack.toString());
        assertEquals(2, run.code(), run::toString);
        assertEquals("error: --newer: is required with --older: the two releases to compare\n"
                + "Run 'clusterstack <command> --help' for the options.\n", run.err());
        Run none = cli("compat", stack.toString());
        assertEquals(0, none.code(), none::toString);
        assertTrue(none.err().startsWith("warning: No cluster stack releases of this build to compare: clusterstack build has"
                + " not run for this project (or give --older and --newer)"), none.err());
    }
}
