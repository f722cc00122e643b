package dev.clusterstack.core.feature.scripts;

import static dev.clusterstack.core.feature.scripts.ScriptSupport.install;
import static dev.clusterstack.core.feature.scripts.ScriptSupport.onPath;
import static dev.clusterstack.core.feature.scripts.ScriptSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clusterstack.core.feature.scripts.ScriptSupport.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etcd-defrag.sh failure paths that need no running etcd: they must exit non-zero with a reason. */
class EtcdDefragScriptUsageTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void failsWhenTheLocalMemberIsUnreachable() throws IOException {
        assumeTrue(onPath("etcdctl"), "etcdctl not installed (apt-get install etcd-client): test skipped");
        Path script = install("etcd-defrag.sh", dir);
        Result r = run(Map.of(), TIMEOUT, script.toString(), "--insecure", "--endpoints",
                "http://127.0.0.1:" + EtcdDefragScriptTest.freePorts(1)[0], "--command-timeout", "2s");
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("ERROR: cannot read the status of the local member"), r.output());
    }

    @Test
    void failsWithoutEtcdctl() throws IOException {
        Path script = install("etcd-defrag.sh", dir);
        Result r = run(Map.of(), TIMEOUT, script.toString(), "--insecure", "--etcdctl", dir.resolve("nope").toString());
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("etcdctl not found"), r.output());
    }

    @Test
    void failsWithoutCertificates() throws IOException {
        Path script = install("etcd-defrag.sh", dir);
        Path missing = dir.resolve("pki");
        Result r = run(Map.of(), TIMEOUT, script.toString(), "--cacert", missing.resolve("ca.crt").toString(),
                "--cert", missing.resolve("peer.crt").toString(), "--key", missing.resolve("peer.key").toString());
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("certificate file not readable: " + missing.resolve("ca.crt")), r.output());
    }

    @Test
    void rejectsBadOptionValues() throws IOException {
        Path script = install("etcd-defrag.sh", dir);
        for (String[] args : new String[][] {{"--keep", "many"}, {"--compress", "bzip2"}, {"--endpoints"}}) {
            String[] cmd = new String[args.length + 1];
            cmd[0] = script.toString();
            System.arraycopy(args, 0, cmd, 1, args.length);
            Result r = run(Map.of(), TIMEOUT, cmd);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.output());
        }
    }
}
