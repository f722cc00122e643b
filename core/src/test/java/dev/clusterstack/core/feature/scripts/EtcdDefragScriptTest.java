package dev.clusterstack.core.feature.scripts;

import static dev.clusterstack.core.feature.scripts.ScriptSupport.install;
import static dev.clusterstack.core.feature.scripts.ScriptSupport.onPath;
import static dev.clusterstack.core.feature.scripts.ScriptSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clusterstack.core.feature.scripts.ScriptSupport.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs etcd-defrag.sh against a real three-member etcd cluster on loopback (plain http).
 * Needs the Debian packages etcd-server (etcd) and etcd-client (etcdctl).
 */
@Tag("etcd")
class EtcdDefragScriptTest {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration CTL_TIMEOUT = Duration.ofSeconds(20);
    private static final Map<String, String> CTL_ENV = Map.of("ETCDCTL_API", "3");
    private static final Pattern DEFRAGMENTING =
            Pattern.compile("^etcd-defrag: defragmenting member (\\S+) \\(([0-9a-f]+)\\)");
    private static final Pattern MOVED = Pattern.compile("^etcd-defrag: moved leadership to (\\S+) \\(([0-9a-f]+)\\)");

    @TempDir
    Path dir;
    Path script;
    final List<Member> members = new ArrayList<>();

    record Member(String name, String clientUrl, Path dataDir, Process process) {
    }

    /** What `etcdctl endpoint status -w fields` says about one endpoint (IDs in hex). */
    record Status(String id, String leader, long dbSize) {
    }

    @BeforeEach
    void startCluster() throws Exception {
        assumeTrue(onPath("etcd") && onPath("etcdctl"),
                "etcd/etcdctl not installed (apt-get install etcd-server etcd-client): etcd defrag test skipped");
        script = install("etcd-defrag.sh", dir);
        int[] ports = freePorts(6);
        String token = "defrag-test-" + Long.toHexString(new Random().nextLong());
        StringBuilder initial = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            initial.append(i == 0 ? "" : ",").append("n").append(i).append("=http://127.0.0.1:").append(ports[3 + i]);
        }
        for (int i = 0; i < 3; i++) {
            String name = "n" + i;
            String client = "http://127.0.0.1:" + ports[i];
            String peer = "http://127.0.0.1:" + ports[3 + i];
            Path data = dir.resolve(name + ".etcd");
            ProcessBuilder pb = new ProcessBuilder("etcd", "--name", name, "--data-dir", data.toString(),
                    "--listen-client-urls", client, "--advertise-client-urls", client,
                    "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                    "--initial-cluster", initial.toString(), "--initial-cluster-state", "new",
                    "--initial-cluster-token", token,
                    "--heartbeat-interval", "50", "--election-timeout", "500")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("ETCD"));
            members.add(new Member(name, client, data, pb.start()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            if (!members.stream().allMatch(m -> listening(m.clientUrl()))) {
                if (System.nanoTime() > deadline) {
                    fail("etcd members did not open their client ports within 20s; logs:\n" + logs());
                }
                Thread.sleep(50);
                continue;
            }
            Map<String, Status> status = statusAll(members.stream().filter(m -> m.process().isAlive()).toList());
            if (status.size() == 3 && status.values().stream().map(Status::leader).distinct().count() == 1
                    && !status.values().iterator().next().leader().equals("0")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                fail("etcd cluster did not become healthy within 20s; logs:\n" + logs());
            }
            Thread.sleep(100);
        }
    }

    @AfterEach
    void stopCluster() throws InterruptedException {
        // SIGKILL: the data dirs are thrown away, and a graceful stop of all members at once
        // only makes the leader wait for a leadership transfer that cannot happen
        for (Member m : members) {
            m.process().destroyForcibly();
        }
        for (Member m : members) {
            m.process().waitFor(10, TimeUnit.SECONDS);
        }
    }

    // ----------------------------------------------------------------------------------------

    @Test
    void followerDoesNothing() throws Exception {
        makeGarbage();
        Map<String, Status> before = statusAll(members);
        Member follower = followers().get(0);

        Result r = defrag(follower);

        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("local member is not the leader"), r.output());
        assertEquals(List.of(), defragmented(r), "nothing defragmented on a follower");
        assertEquals(before, statusAll(members), "leader and DB sizes unchanged");
    }

    @Test
    void leaderDefragmentsFollowersFirstMovesLeadershipThenItself() throws Exception {
        makeGarbage();
        Map<String, Status> before = statusAll(members);
        Member leader = leader();
        String leaderId = before.get(leader.name()).id();
        Set<String> followerIds = followers().stream().map(m -> before.get(m.name()).id()).collect(Collectors.toSet());

        Result r = defrag(leader);

        assertEquals(0, r.exitCode(), r.output());
        List<String> order = defragmented(r);
        assertEquals(3, order.size(), r.output());
        assertEquals(followerIds, new HashSet<>(order.subList(0, 2)), "followers first:\n" + r.output());
        assertEquals(leaderId, order.get(2), "local (leader) member last:\n" + r.output());

        int movedAt = indexOf(r, MOVED);
        int lastDefragAt = lastIndexOf(r, DEFRAGMENTING);
        assertTrue(movedAt > 0 && movedAt < lastDefragAt, "leadership moved before the local defrag:\n" + r.output());
        Matcher moved = MOVED.matcher(r.lines().get(movedAt));
        assertTrue(moved.find());
        String newLeader = moved.group(2);
        assertTrue(order.subList(0, 2).contains(newLeader), "new leader was defragmented already");

        Map<String, Status> after = statusAll(members);
        for (Status s : after.values()) {
            assertEquals(newLeader, s.leader(), "every member follows the new leader: " + after);
            assertNotEquals(leaderId, s.leader(), "old leader is no longer leader");
        }
        for (Member m : members) {
            assertTrue(after.get(m.name()).dbSize() * 2 < before.get(m.name()).dbSize(),
                    m.name() + " DB shrank: " + before.get(m.name()) + " -> " + after.get(m.name()));
        }
        assertTrue(r.output().contains("etcd-defrag: done"), r.output());
    }

    @Test
    void unhealthyMemberStopsItUnlessForced() throws Exception {
        makeGarbage();
        Member leader = leader();
        Member dead = followers().get(0);
        Member alive = followers().get(1);
        dead.process().destroy();
        assertTrue(dead.process().waitFor(10, TimeUnit.SECONDS), "member stopped");
        Map<String, Status> before = statusAll(List.of(leader, alive));
        assertEquals(before.get(leader.name()).id(), before.get(alive.name()).leader(), "leader unchanged");

        Result refused = defrag(leader, "--health-timeout", "2s");

        assertEquals(0, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("unhealthy member: " + dead.name()), refused.output());
        assertTrue(refused.output().contains("not all members are healthy; nothing to do"), refused.output());
        assertEquals(List.of(), defragmented(refused));
        assertEquals(before, statusAll(List.of(leader, alive)), "nothing changed");

        Result forced = defrag(leader, "--health-timeout", "2s", "--force-unhealthy");

        assertEquals(0, forced.exitCode(), forced.output());
        assertTrue(forced.output().contains("skipping unhealthy member " + dead.name()), forced.output());
        assertEquals(List.of(before.get(alive.name()).id(), before.get(leader.name()).id()), defragmented(forced),
                forced.output());
        Map<String, Status> after = statusAll(List.of(leader, alive));
        assertEquals(before.get(alive.name()).id(), after.get(leader.name()).leader(), "leadership moved to " + alive);
    }

    @Test
    void backupWritesACompressedSnapshotAndKeepsTheNewest() throws Exception {
        makeGarbage();
        putSmall("kept-key", "kept-value");
        Path backups = Files.createDirectories(dir.resolve("backups"));
        Path oldest = Files.writeString(backups.resolve("etcd-snapshot-20200101T000000Z.db.gz"), "old");
        Path older = Files.writeString(backups.resolve("etcd-snapshot-20210101T000000Z.db.zst"), "old");
        Path unrelated = Files.writeString(backups.resolve("notes.txt"), "keep me");

        Result r = defrag(leader(), "--backup-dir", backups.toString(), "--keep", "2", "--compress", "gzip");

        assertEquals(0, r.exitCode(), r.output());
        List<Path> snapshots;
        try (Stream<Path> files = Files.list(backups)) {
            snapshots = files.filter(p -> p.getFileName().toString().matches("etcd-snapshot-\\d{8}T\\d{6}Z\\.db\\.gz"))
                    .filter(p -> !p.equals(oldest)).toList();
        }
        assertEquals(1, snapshots.size(), "one new snapshot: " + snapshots + "\n" + r.output());
        assertTrue(Files.exists(older) && Files.exists(unrelated), "second newest and unrelated files kept");
        assertTrue(Files.notExists(oldest), "oldest snapshot pruned (--keep 2)");

        Path plain = dir.resolve("restored.db");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(snapshots.get(0)));
                OutputStream out = Files.newOutputStream(plain)) {
            in.transferTo(out);
        }
        Result status = run(CTL_ENV, CTL_TIMEOUT, "etcdctl", "snapshot", "status", plain.toString(), "-w", "fields");
        assertEquals(0, status.exitCode(), status.output());
        long keys = Long.parseLong(field(status.output(), "Keys"));
        assertTrue(keys >= 1, "snapshot holds keys: " + status.output());
        int backupAt = indexOf(r, Pattern.compile("^etcd-defrag: backup: wrote .*\\.db\\.gz \\(gzip\\)$"));
        assertTrue(backupAt >= 0 && backupAt < indexOf(r, DEFRAGMENTING), "backup before any defrag:\n" + r.output());
    }

    @Test
    void forceFollowerDefragmentsFromAFollower() throws Exception {
        Member follower = followers().get(0);
        String followerId = statusAll(members).get(follower.name()).id();

        Result r = defrag(follower, "--force-follower");

        assertEquals(0, r.exitCode(), r.output());
        List<String> order = defragmented(r);
        assertEquals(3, order.size(), r.output());
        assertEquals(followerId, order.get(2), "local member last");
        assertTrue(r.output().contains("no leadership transfer needed"), r.output());
    }

    // ----------------------------------------------------------------------------------------

    private Result defrag(Member local, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(script.toString(), "--insecure", "--endpoints", local.clientUrl(),
                "--data-dir", local.dataDir().toString()));
        cmd.addAll(List.of(extra));
        return run(Map.of(), SCRIPT_TIMEOUT, cmd);
    }

    /** Member IDs (hex) in the order the script announced their defragmentation. */
    private static List<String> defragmented(Result r) {
        List<String> ids = new ArrayList<>();
        for (String line : r.lines()) {
            Matcher m = DEFRAGMENTING.matcher(line);
            if (m.find()) {
                ids.add(m.group(2));
            }
        }
        return ids;
    }

    private static int indexOf(Result r, Pattern p) {
        List<String> lines = r.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(Result r, Pattern p) {
        List<String> lines = r.lines();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (p.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    private Member leader() {
        Map<String, Status> status = statusAll(members.stream().filter(m -> m.process().isAlive()).toList());
        for (Member m : members) {
            Status s = status.get(m.name());
            if (s != null && s.id().equals(s.leader())) {
                return m;
            }
        }
        throw new AssertionError("no leader: " + status);
    }

    private List<Member> followers() {
        Member leader = leader();
        return members.stream().filter(m -> m != leader).toList();
    }

    /** Status of each reachable member, keyed by member name. */
    private Map<String, Status> statusAll(List<Member> which) {
        Map<String, Status> result = new HashMap<>();
        for (Member m : which) {
            Result r = run(CTL_ENV, CTL_TIMEOUT, "etcdctl", "--endpoints", m.clientUrl(), "--dial-timeout", "1s",
                    "--command-timeout", "2s", "endpoint", "status", "-w", "fields");
            if (r.exitCode() == 0) {
                result.put(m.name(), new Status(hex(field(r.output(), "MemberID")), hex(field(r.output(), "Leader")),
                        Long.parseLong(field(r.output(), "DBSize"))));
            }
        }
        return result;
    }

    private static String field(String fieldsOutput, String name) {
        Matcher m = Pattern.compile("(?m)^\"" + name + "\" : \"?([^\"\\n]*)\"?$").matcher(fieldsOutput);
        if (!m.find()) {
            throw new AssertionError("no field " + name + " in:\n" + fieldsOutput);
        }
        return m.group(1).trim();
    }

    private static String hex(String decimal) {
        return Long.toUnsignedString(Long.parseUnsignedLong(decimal), 16);
    }

    /** Writes ~10 MB of revisions, deletes them and compacts, so that defrag has space to free. */
    private void makeGarbage() throws IOException {
        Random random = new Random(42);
        byte[] value = new byte[600_000];
        Path valueFile = dir.resolve("value.txt");
        String endpoint = leader().clientUrl();
        for (int i = 0; i < 8; i++) {
            random.nextBytes(value);
            Files.write(valueFile, Base64.getEncoder().encode(value)); // 800 kB, below the 1.5 MiB request limit
            ProcessBuilder pb = new ProcessBuilder("etcdctl", "--endpoints", endpoint, "put", "garbage-" + (i % 3))
                    .redirectInput(valueFile.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("put.log").toFile());
            pb.environment().putAll(CTL_ENV);
            try {
                Process p = pb.start();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0,
                        "etcdctl put: " + Files.readString(dir.resolve("put.log")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        Result del = run(CTL_ENV, CTL_TIMEOUT, "etcdctl", "--endpoints", endpoint, "del", "--prefix", "garbage-");
        assertEquals(0, del.exitCode(), del.output());
        Result st = run(CTL_ENV, CTL_TIMEOUT, "etcdctl", "--endpoints", endpoint, "endpoint", "status", "-w", "fields");
        Result compact = run(CTL_ENV, CTL_TIMEOUT, "etcdctl", "--endpoints", endpoint, "compact", "--physical",
                field(st.output(), "Revision"));
        assertEquals(0, compact.exitCode(), compact.output());
        // every member applied the compaction and still holds the (now free) pages
        for (Status s : statusAll(members).values()) {
            assertTrue(s.dbSize() > 4_000_000, "DB grew before defrag: " + s);
        }
    }

    private void putSmall(String key, String value) {
        Result r = run(CTL_ENV, CTL_TIMEOUT, "etcdctl", "--endpoints", leader().clientUrl(), "put", key, value);
        assertEquals(0, r.exitCode(), r.output());
    }

    private String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Member m : members) {
            List<String> lines = Files.readAllLines(dir.resolve(m.name() + ".log"));
            sb.append("== ").append(m.name()).append('\n')
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()))).append('\n');
        }
        return sb.toString();
    }

    private static boolean listening(String url) {
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Ports that were free a moment ago (all held open together, so they are distinct). */
    static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
