package dev.clusterstack.core.feature;

import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.kubeadm.Arg;
import dev.clusterstack.core.model.kubeadm.ClusterConfiguration;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.clusterstack.core.feature.HelmGoTemplates.map;
import static dev.clusterstack.core.feature.HttpProxyTest.at;
import static dev.clusterstack.core.feature.HttpProxyTest.file;
import static dev.clusterstack.core.feature.HttpProxyTest.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** etcdDefrag and apiServerLimits, with stand-in script texts (the real ones ship as resources). */
class NodeScriptFeaturesTest {
    static final String SCRIPT = "#!/usr/bin/env bash\n# {{ not a template }} ${HOME} `date`\necho \"defrag ${1:-}\"\n";
    static final String SERVICE = "# @ARGS@ documented here\n[Service]\nType=oneshot\nExecStart=/usr/local/sbin/etcd-defrag.sh @ARGS@\nNice=19\n";
    static final String TIMER = "# @SCHEDULE@ documented here\n[Timer]\nOnCalendar=@SCHEDULE@\n";

    @TempDir
    Path tmp;

    static StackContent withStackEtcdArg(StackContent c) {
        KubeadmControlPlaneTemplate kcp = Support.controlPlane(c, "test");
        var spec = kcp.kubeadmConfigSpec();
        var cc = spec.clusterConfiguration().withEtcd(new ClusterConfiguration.Etcd(new ClusterConfiguration.LocalEtcd(
                null, null, null, List.of(Arg.of("snapshot-count", "10000")), null, null, null, Map.of()), null, Map.of()));
        return Support.replace(c, kcp, kcp.withKubeadmConfigSpec(spec.toBuilder().clusterConfiguration(cc).build()));
    }

    @Test
    void etcdDefragWritesFilesTunesEtcdAndEnablesTheTimerPerCluster() {
        EtcdMaintenance f = new EtcdMaintenance(new EtcdMaintenance.Config("Sun *-*-* 03:00:00", true, "/var/backups/etcd",
                3, true, true, null, null), new EtcdMaintenance.NodeFiles(SCRIPT, SERVICE, TIMER));
        ClusterStack stack = Stacks.with(Stacks.map(Stacks.dockerFixed(), NodeScriptFeaturesTest::withStackEtcdArg), f);
        List<Map<String, Object>> objects = Stacks.renderChecked(stack, tmp);

        Map<String, Map<String, Object>> on = PlannedTopology.apply(tmp, objects,
                map("imageRepository", "", "etcdDefrag", true, "builtin", HttpProxyTest.builtin()));
        Map<String, Object> cp = at(on.get("controlPlane"), "spec", "template", "spec", "kubeadmConfigSpec");
        // byte for byte through Helm, placeholders filled outside comments only
        assertEquals(SCRIPT, file(files(cp), EtcdMaintenance.SCRIPT).get("content"));
        assertEquals("0755", file(files(cp), EtcdMaintenance.SCRIPT).get("permissions"));
        assertEquals("# @ARGS@ documented here\n[Service]\nType=oneshot\n"
                        + "ExecStart=/usr/local/sbin/etcd-defrag.sh --backup-dir /var/backups/etcd --keep 3 --fstrim\nNice=19\n",
                file(files(cp), EtcdMaintenance.SERVICE).get("content"));
        assertEquals("# @SCHEDULE@ documented here\n[Timer]\nOnCalendar=Sun *-*-* 03:00:00\n",
                file(files(cp), EtcdMaintenance.TIMER).get("content"));
        assertEquals(List.of(EtcdMaintenance.ENABLE_COMMAND), cp.get("postKubeadmCommands"));
        Map<String, Object> etcdArgs = at(cp, "clusterConfiguration", "etcd", "local", "extraArgs");
        assertEquals("10000", etcdArgs.get("snapshot-count"), "the stack's own value wins");
        assertEquals("periodic", etcdArgs.get("auto-compaction-mode"));
        assertEquals("8h", etcdArgs.get("auto-compaction-retention"));
        assertEquals("250", etcdArgs.get("heartbeat-interval"));
        assertEquals("2500", etcdArgs.get("election-timeout"));
        assertEquals("http://0.0.0.0:2381", etcdArgs.get("listen-metrics-urls"));
        // workers untouched
        assertEquals(null, file(files(at(on.get("md:default-worker:bootstrap"), "spec", "template", "spec")),
                EtcdMaintenance.SCRIPT));

        Map<String, Object> off = at(PlannedTopology.apply(tmp, objects,
                        map("imageRepository", "", "etcdDefrag", false, "builtin", HttpProxyTest.builtin())).get("controlPlane"),
                "spec", "template", "spec", "kubeadmConfigSpec");
        assertEquals(List.of(), off.get("postKubeadmCommands"));
    }

    @Test
    void etcdDefragDefaultsAndChecks() {
        EtcdMaintenance.Config d = EtcdMaintenance.Config.defaults();
        assertEquals("*-*-* 02:30:00", d.schedule());
        assertEquals("", d.args());
        EtcdMaintenance f = new EtcdMaintenance(d, new EtcdMaintenance.NodeFiles(SCRIPT, SERVICE, TIMER));
        assertTrue(f.service().contains("ExecStart=/usr/local/sbin/etcd-defrag.sh\n"), f.service());
        assertTrue(f.timer().contains("OnCalendar=*-*-* 02:30:00\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EtcdMaintenance(d,
                new EtcdMaintenance.NodeFiles(SCRIPT, SERVICE, "[Timer]\nOnCalendar=daily\n")));
        assertTrue(e.getMessage().contains("@SCHEDULE@"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EtcdMaintenance.Config(null, true, "relative/dir", null,
                null, null, null, null));
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> Support.resource("no-such.sh"));
        assertTrue(missing.getMessage().contains("dev/clusterstack/core/feature/no-such.sh"), missing.getMessage());
        // tuning off: no etcd args
        StackContent c = f.apply(Stacks.docker().releases().get(0).content());
        assertFalse(Support.controlPlane(c, "t").kubeadmConfigSpec().clusterConfiguration().etcd().local().extraArgs().isEmpty());
        StackContent untuned = new EtcdMaintenance(new EtcdMaintenance.Config(null, null, null, null, null, false, null, null),
                new EtcdMaintenance.NodeFiles(SCRIPT, SERVICE, TIMER)).apply(Stacks.docker().releases().get(0).content());
        assertEquals(null, Support.controlPlane(untuned, "t").kubeadmConfigSpec().clusterConfiguration().etcd());
    }

    @Test
    void apiServerLimitsAddsScriptAndGuardedCommand() {
        ApiServerLimits f = new ApiServerLimits(new ApiServerLimits.Config(80, 500, "1Gi", null, null), SCRIPT);
        assertEquals("/usr/local/sbin/apiserver-limits.sh --memory-percent 80 --cpu-milli-per-core 500 --memory-request 1Gi",
                f.command());
        assertEquals("/usr/local/sbin/apiserver-limits.sh --memory-percent 75 --cpu-milli-per-core 750 --memory-request 512M",
                new ApiServerLimits(ApiServerLimits.Config.defaults(), SCRIPT).command());
        ClusterStack stack = Stacks.with(Stacks.dockerFixed(), f);
        List<Map<String, Object>> objects = Stacks.renderChecked(stack, tmp);
        Map<String, Object> on = at(PlannedTopology.apply(tmp, objects, map("imageRepository", "",
                "builtin", HttpProxyTest.builtin(), "apiServerLimits", true)).get("controlPlane"),
                "spec", "template", "spec", "kubeadmConfigSpec");
        assertEquals(List.of(f.command()), on.get("postKubeadmCommands"));
        assertEquals(SCRIPT, file(files(on), ApiServerLimits.SCRIPT).get("content"));
        Map<String, Object> off = at(PlannedTopology.apply(tmp, objects, map("imageRepository", "",
                "builtin", HttpProxyTest.builtin(), "apiServerLimits", false)).get("controlPlane"),
                "spec", "template", "spec", "kubeadmConfigSpec");
        assertEquals(List.of(), off.get("postKubeadmCommands"));
        assertThrows(IllegalArgumentException.class, () -> new ApiServerLimits.Config(0, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ApiServerLimits.Config(null, null, "lots", null, null));
    }
}
