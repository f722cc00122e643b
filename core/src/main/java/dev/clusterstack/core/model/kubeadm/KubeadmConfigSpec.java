package dev.clusterstack.core.model.kubeadm;

import dev.clusterstack.core.bind.Extra;
import dev.clusterstack.core.model.base.Copies;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code KubeadmConfigSpec} (bootstrap.cluster.x-k8s.io/v1beta1): what kubeadm and cloud-init do on a
 * node. Shared by the control plane template and worker bootstrap templates. Lists that were not
 * given are left out of output; lists given empty are written ({@code files: []}), see {@link Copies}.
 */
public record KubeadmConfigSpec(ClusterConfiguration clusterConfiguration,
                                InitConfiguration initConfiguration,
                                JoinConfiguration joinConfiguration,
                                List<File> files,
                                Map<String, Object> diskSetup,
                                List<List<String>> mounts,
                                List<String> bootCommands,
                                List<String> preKubeadmCommands,
                                List<String> postKubeadmCommands,
                                List<User> users,
                                NTP ntp,
                                String format,
                                Integer verbosity,
                                Boolean useExperimentalRetryJoin,
                                Map<String, Object> ignition,
                                @Extra Map<String, Object> extra) {
    public KubeadmConfigSpec {
        files = Copies.list(files);
        diskSetup = diskSetup == null ? null : Copies.map(diskSetup);
        mounts = Copies.list(mounts);
        bootCommands = Copies.list(bootCommands);
        preKubeadmCommands = Copies.list(preKubeadmCommands);
        postKubeadmCommands = Copies.list(postKubeadmCommands);
        users = Copies.list(users);
        ignition = ignition == null ? null : Copies.map(ignition);
        extra = Copies.map(extra);
    }

    public static KubeadmConfigSpec empty() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.clusterConfiguration = clusterConfiguration;
        b.initConfiguration = initConfiguration;
        b.joinConfiguration = joinConfiguration;
        b.files = files;
        b.diskSetup = diskSetup;
        b.mounts = mounts;
        b.bootCommands = bootCommands;
        b.preKubeadmCommands = preKubeadmCommands;
        b.postKubeadmCommands = postKubeadmCommands;
        b.users = users;
        b.ntp = ntp;
        b.format = format;
        b.verbosity = verbosity;
        b.useExperimentalRetryJoin = useExperimentalRetryJoin;
        b.ignition = ignition;
        b.extra = extra;
        return b;
    }

    /** Builds a {@link KubeadmConfigSpec}; list setters append. */
    public static final class Builder {
        private ClusterConfiguration clusterConfiguration;
        private InitConfiguration initConfiguration;
        private JoinConfiguration joinConfiguration;
        private List<File> files = List.of();
        private Map<String, Object> diskSetup;
        private List<List<String>> mounts = List.of();
        private List<String> bootCommands = List.of();
        private List<String> preKubeadmCommands = List.of();
        private List<String> postKubeadmCommands = List.of();
        private List<User> users = List.of();
        private NTP ntp;
        private String format;
        private Integer verbosity;
        private Boolean useExperimentalRetryJoin;
        private Map<String, Object> ignition;
        private Map<String, Object> extra = Map.of();

        public Builder clusterConfiguration(ClusterConfiguration v) { clusterConfiguration = v; return this; }
        public Builder initConfiguration(InitConfiguration v) { initConfiguration = v; return this; }
        public Builder joinConfiguration(JoinConfiguration v) { joinConfiguration = v; return this; }
        public Builder file(File v) { files = Copies.plus(files, v); return this; }
        public Builder files(List<File> v) { files = Copies.plusAll(files, v); return this; }
        public Builder diskSetup(Map<String, Object> v) { diskSetup = v; return this; }
        public Builder mount(List<String> v) { mounts = Copies.plusAll(mounts, List.of(v)); return this; }
        public Builder bootCommand(String v) { bootCommands = Copies.plus(bootCommands, v); return this; }
        public Builder preKubeadmCommand(String v) { preKubeadmCommands = Copies.plus(preKubeadmCommands, v); return this; }
        public Builder preKubeadmCommands(List<String> v) { preKubeadmCommands = Copies.plusAll(preKubeadmCommands, v); return this; }
        public Builder postKubeadmCommand(String v) { postKubeadmCommands = Copies.plus(postKubeadmCommands, v); return this; }
        public Builder postKubeadmCommands(List<String> v) { postKubeadmCommands = Copies.plusAll(postKubeadmCommands, v); return this; }
        public Builder user(User v) { users = Copies.plus(users, v); return this; }
        public Builder ntp(NTP v) { ntp = v; return this; }
        public Builder format(String v) { format = v; return this; }
        public Builder verbosity(Integer v) { verbosity = v; return this; }
        public Builder useExperimentalRetryJoin(Boolean v) { useExperimentalRetryJoin = v; return this; }
        public Builder ignition(Map<String, Object> v) { ignition = v; return this; }
        public Builder extra(Map<String, Object> v) { extra = v; return this; }

        /**
         * Writes the named lists ({@code files}, {@code preKubeadmCommands}, {@code postKubeadmCommands},
         * {@code bootCommands}, {@code users}, {@code mounts}) even when empty, so that patches can append to them.
         */
        public Builder keepEmpty(String... lists) {
            for (String name : lists) {
                switch (name) {
                    case "files" -> files = explicit(files);
                    case "preKubeadmCommands" -> preKubeadmCommands = explicit(preKubeadmCommands);
                    case "postKubeadmCommands" -> postKubeadmCommands = explicit(postKubeadmCommands);
                    case "bootCommands" -> bootCommands = explicit(bootCommands);
                    case "users" -> users = explicit(users);
                    case "mounts" -> mounts = explicit(mounts);
                    default -> throw new IllegalArgumentException("not a list of KubeadmConfigSpec: " + name);
                }
            }
            return this;
        }

        private static <T> List<T> explicit(List<T> list) {
            return Copies.isAbsent(list) ? Copies.givenEmptyList() : list;
        }

        public ClusterConfiguration clusterConfiguration() { return clusterConfiguration; }
        public InitConfiguration initConfiguration() { return initConfiguration; }
        public JoinConfiguration joinConfiguration() { return joinConfiguration; }

        public KubeadmConfigSpec build() {
            return new KubeadmConfigSpec(clusterConfiguration, initConfiguration, joinConfiguration, files, diskSetup,
                    mounts, bootCommands, preKubeadmCommands, postKubeadmCommands, users, ntp, format, verbosity,
                    useExperimentalRetryJoin, ignition, extra);
        }
    }
}
