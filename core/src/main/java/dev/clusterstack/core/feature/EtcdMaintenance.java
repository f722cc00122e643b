package dev.clusterstack.core.feature;

import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.model.kubeadm.Arg;
import dev.clusterstack.core.model.kubeadm.ClusterConfiguration;
import dev.clusterstack.core.model.kubeadm.File;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code etcdDefrag}: a daily, leader-only etcd defragmentation on control-plane nodes, plus the etcd
 * tuning that goes with it.
 *
 * <ul>
 *   <li>Files on the control plane: {@code /usr/local/sbin/etcd-defrag.sh} (0755),
 *       {@code /etc/systemd/system/etcd-defrag.service} and {@code .timer} (0644); {@code @SCHEDULE@}
 *       and {@code @ARGS@} in their non-comment lines are replaced from the configuration.</li>
 *   <li>A boolean ClusterClass variable (default {@link Config#enabledByDefault()}); when true a patch
 *       appends {@code systemctl enable --now etcd-defrag.timer} to the control plane's
 *       {@code postKubeadmCommands}. The files are always written; only the timer is switched.</li>
 *   <li>With {@link Config#tuning()}: {@code clusterConfiguration.etcd.local.extraArgs} gets
 *       {@link #TUNING}; arguments the stack already sets are kept (the stack author's explicit
 *       choice wins over the feature's defaults).</li>
 * </ul>
 */
public final class EtcdMaintenance implements Feature {
    public static final String ID = "etcdDefrag";
    public static final String SCRIPT = "/usr/local/sbin/etcd-defrag.sh";
    public static final String SERVICE = "/etc/systemd/system/etcd-defrag.service";
    public static final String TIMER = "/etc/systemd/system/etcd-defrag.timer";
    public static final String ENABLE_COMMAND = "systemctl enable --now etcd-defrag.timer";

    /** The etcd settings of the old SCS template. */
    public static final Map<String, String> TUNING = tuning();

    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._/-]*");

    /**
     * Build-time configuration ({@code features.etcdDefrag} in the stack definition).
     *
     * @param schedule         systemd {@code OnCalendar=} expression of the timer; default {@code *-*-* 02:30:00}
     * @param backup           take a compressed etcd snapshot before defragmenting; default {@code false}
     * @param backupDir        where snapshots go (absolute path); default {@code /var/backups/etcd}
     * @param backupKeep       how many snapshots to keep; default {@code 7}
     * @param fstrim           trim the filesystem of the etcd data dir afterwards; default {@code false}
     * @param tuning           add the etcd tuning {@link #TUNING}; default {@code true}
     * @param variable         name of the on/off ClusterClass variable; default {@code etcdDefrag}
     * @param enabledByDefault default of that variable; default {@code true}
     */
    public record Config(String schedule, Boolean backup, String backupDir, Integer backupKeep, Boolean fstrim,
                         Boolean tuning, String variable, Boolean enabledByDefault) {
        public Config {
            schedule = schedule == null ? "*-*-* 02:30:00" : schedule;
            backup = backup == null ? Boolean.FALSE : backup;
            backupDir = backupDir == null ? "/var/backups/etcd" : backupDir;
            backupKeep = backupKeep == null ? 7 : backupKeep;
            fstrim = fstrim == null ? Boolean.FALSE : fstrim;
            tuning = tuning == null ? Boolean.TRUE : tuning;
            variable = Support.variableName(variable, ID);
            enabledByDefault = enabledByDefault == null ? Boolean.TRUE : enabledByDefault;
            if (schedule.isBlank() || schedule.contains("\n") || schedule.contains("@")) {
                throw new IllegalArgumentException("schedule: '" + schedule + "' is not a one-line systemd OnCalendar expression");
            }
            if (!SAFE_PATH.matcher(backupDir).matches() || backupDir.contains("..")) {
                throw new IllegalArgumentException("backupDir: '" + backupDir
                        + "' must be an absolute path of letters, digits, '.', '_', '-' and '/'");
            }
            if (backupKeep < 1) {
                throw new IllegalArgumentException("backupKeep: must be at least 1, not " + backupKeep);
            }
        }

        /** All defaults. */
        public static Config defaults() {
            return new Config(null, null, null, null, null, null, null, null);
        }

        /** The options of {@code etcd-defrag.sh} for the service's {@code ExecStart=} line. */
        public String args() {
            StringBuilder b = new StringBuilder();
            if (backup) {
                b.append("--backup-dir ").append(backupDir).append(" --keep ").append(backupKeep);
            }
            if (fstrim) {
                b.append(b.isEmpty() ? "" : " ").append("--fstrim");
            }
            return b.toString();
        }
    }

    /** The three node file templates (script, service unit, timer unit). */
    public record NodeFiles(String script, String service, String timer) {
        public NodeFiles {
            if (script == null || service == null || timer == null) {
                throw new IllegalArgumentException("script, service and timer texts are required");
            }
        }

        /** {@code etcd-defrag.sh}, {@code .service} and {@code .timer} from this package's classpath resources. */
        public static NodeFiles fromClasspath() {
            return new NodeFiles(Support.resource("etcd-defrag.sh"), Support.resource("etcd-defrag.service"),
                    Support.resource("etcd-defrag.timer"));
        }
    }

    private final Config config;
    private final NodeFiles files;

    /** With the node files of the classpath. */
    public EtcdMaintenance(Config config) {
        this(config, NodeFiles.fromClasspath());
    }

    /** With the given node files (tests, or stacks bringing their own script). */
    public EtcdMaintenance(Config config, NodeFiles files) {
        this.config = config == null ? Config.defaults() : config;
        this.files = files;
        service();
        timer();
    }

    @Override
    public String id() {
        return ID;
    }

    public Config config() {
        return config;
    }

    /** The service unit as written to the node. */
    public String service() {
        return fill(files.service(), "@ARGS@", config.args(), "etcd-defrag.service");
    }

    /** The timer unit as written to the node. */
    public String timer() {
        return fill(files.timer(), "@SCHEDULE@", config.schedule(), "etcd-defrag.timer");
    }

    /** Replaces a placeholder in the non-comment lines; the template must use it there. */
    static String fill(String text, String placeholder, String value, String what) {
        StringBuilder out = new StringBuilder();
        boolean used = false;
        for (String line : text.split("(?<=\n)", -1)) {
            if (!line.stripLeading().startsWith("#") && line.contains(placeholder)) {
                used = true;
                line = line.replace(placeholder, value);
                if (value.isEmpty()) {
                    line = line.replaceAll("[ \\t]+(\\r?\\n)$", "$1");
                }
            }
            out.append(line);
        }
        if (!used) {
            throw new IllegalArgumentException(what + " has no " + placeholder + " placeholder outside comments");
        }
        return out.toString();
    }

    @Override
    public StackContent apply(StackContent content) {
        StackContent out = Support.updateControlPlane(content, ID, spec -> {
            KubeadmConfigSpec.Builder b = spec.toBuilder()
                    .file(File.encoded(SCRIPT, "0755", files.script()))
                    .file(File.of(SERVICE, "0644", service()))
                    .file(File.of(TIMER, "0644", timer()));
            if (config.tuning()) {
                b.clusterConfiguration(tuned(spec.clusterConfiguration()));
            }
            return Support.keepLists(b.build(), "postKubeadmCommands");
        });
        out = Support.addVariable(out, ID, ClusterClassVariable.of(config.variable(), JSONSchemaProps.builder("boolean")
                .description("Defragment etcd daily on the control plane (leader only, one member at a time).")
                .defaultValue(config.enabledByDefault())
                .xMetadata(Support.longDescription("When true, control-plane nodes enable the systemd timer "
                        + "etcd-defrag.timer (schedule: " + config.schedule() + "). Every node runs "
                        + "/usr/local/sbin/etcd-defrag.sh, only the node of the etcd leader acts: when all members "
                        + "are healthy and there is more than one, it defragments the other members first, hands "
                        + "leadership over and then defragments its own member"
                        + (config.backup() ? ", after a snapshot into " + config.backupDir() : "")
                        + (config.fstrim() ? ", then trims the etcd filesystem" : "")
                        + ". Takes effect on new control-plane machines."))
                .build()));
        return Support.addPatches(out, ID, List.of(ClusterClassPatch.of(config.variable(),
                "Enables the etcd defragmentation timer on control-plane nodes.",
                "{{ if ." + config.variable() + " }}true{{ end }}",
                PatchDefinition.of(Support.controlPlaneSelector(out, ID),
                        JSONPatch.value("add", Support.KCP_SPEC + "/postKubeadmCommands/-", ENABLE_COMMAND)))));
    }

    private static ClusterConfiguration tuned(ClusterConfiguration given) {
        ClusterConfiguration cc = given == null ? ClusterConfiguration.empty() : given;
        ClusterConfiguration.Etcd etcd = cc.etcd();
        if (etcd != null && etcd.external() != null) {
            throw new IllegalArgumentException("feature '" + ID + "' needs stacked etcd, but the control plane uses"
                    + " external etcd; switch it off or set 'tuning: false'");
        }
        ClusterConfiguration.LocalEtcd local = etcd == null || etcd.local() == null
                ? new ClusterConfiguration.LocalEtcd(null, null, null, null, null, null, null, Map.of()) : etcd.local();
        // the author's arguments win: same name, the author's value in the tuning's place
        List<Arg> args = Arg.merged(Arg.list(TUNING), local.extraArgs());
        return cc.withEtcd(new ClusterConfiguration.Etcd(local.withExtraArgs(args), null,
                etcd == null ? Map.of() : etcd.extra()));
    }

    private static Map<String, String> tuning() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("auto-compaction-mode", "periodic");
        m.put("auto-compaction-retention", "8h");
        m.put("heartbeat-interval", "250");
        m.put("election-timeout", "2500");
        m.put("snapshot-count", "6400");
        m.put("listen-metrics-urls", "http://0.0.0.0:2381");
        return java.util.Collections.unmodifiableMap(m);
    }
}
