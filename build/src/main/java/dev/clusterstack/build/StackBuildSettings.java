package dev.clusterstack.build;

import dev.clusterstack.core.publish.Credentials;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a build was asked to do, as raw values: the runner checks them and names the {@link Setting} at
 * fault. Paths are absolute. Built by each front end (the Maven goals, the command line) from its own
 * parameters; the builder holds the defaults they share.
 *
 * @param projectDirectory    the project folder; definition file names in messages are relative to it
 * @param buildDirectory      {@code target/}: the runner keeps its up-to-date state under {@code target/clusterstack/}
 * @param definitions         the stack definition files (at least one)
 * @param outputDirectory     where release folders go
 * @param chartsDirectory     where {@code generate} writes chart folders
 * @param docsDirectory       where {@code docs} writes the Markdown reference
 * @param versionMode         {@code stable}, {@code hash} or {@code custom} (checked by the runner)
 * @param clusterStackVersion custom mode: the clusterStack version, else ignored
 * @param clusterAddonVersion custom mode: the clusterAddon version, else ignored
 * @param nodeImageVersion    custom mode: the nodeImage version, else ignored
 * @param baseline            previous releases for stable mode as written: a folder (relative to the project
 *                            folder) or {@code oci://host[:port]/path}; null for the output directory
 * @param baselineCredentials credentials for a registry baseline, or null for anonymous access
 * @param baselinePlainHttp   whether a registry baseline is read over plain HTTP instead of HTTPS
 * @param vendorDependencies  whether addon chart dependencies are fetched into the addon archives
 * @param chartCache          folder that keeps downloaded charts, or null
 * @param caCertificates      PEM file of extra CA certificates Helm trusts for chart repositories and registries, or null
 * @param crds                CRD files or folders for schema validation (may be empty)
 * @param outputTimestamp     {@code project.build.outputTimestamp} as written (ISO-8601 or epoch seconds), or null
 * @param publishRepository   {@code oci://host[:port]/path} that {@code publish} pushes to, as written, or null
 * @param publishCredentials  credentials for that registry, or null for anonymous access
 * @param plainHttp           whether {@code publish} talks plain HTTP instead of HTTPS
 * @param planChart           a hand-written cluster-class chart (folder or {@code .tgz}) to plan instead of the
 *                            releases of the last package run, or null
 * @param planClusters        the folder of test clusters ({@code *.yaml}) the plan step plans
 * @param plansDirectory      where the plan step writes the plans
 * @param compatOlder         the {@code compat} step's older release folder or cluster-class chart, or null
 * @param compatNewer         the {@code compat} step's newer release folder or cluster-class chart, or null
 * @param compatSkip          whether {@code verify} leaves out the upgrade compatibility check
 * @param notesDirectory      where the compatibility check writes release notes, or null for
 *                            {@code cluster-stacks-notes} beside the output folder
 * @param offline             whether the build must not use the network
 * @param toolFingerprint     identifies the tool build (version and jar) for the up-to-date check
 */
public record StackBuildSettings(Path projectDirectory, Path buildDirectory, List<Path> definitions, Path outputDirectory,
                                 Path chartsDirectory, Path docsDirectory, String versionMode, String clusterStackVersion,
                                 String clusterAddonVersion, String nodeImageVersion, String baseline,
                                 Credentials baselineCredentials, boolean baselinePlainHttp,
                                 boolean vendorDependencies, Path chartCache, Path caCertificates, List<Path> crds,
                                 String outputTimestamp, String publishRepository,
                                 Credentials publishCredentials, boolean plainHttp,
                                 Path planChart, Path planClusters, Path plansDirectory,
                                 Path compatOlder, Path compatNewer, boolean compatSkip, Path notesDirectory,
                                 boolean offline, String toolFingerprint) {

    /** The test clusters' folder by default, relative to the project folder. */
    public static final String DEFAULT_PLAN_CLUSTERS = "src/test/clusterstack/clusters";

    /** Checks what must be there; copies the lists. */
    public StackBuildSettings {
        Objects.requireNonNull(projectDirectory, "projectDirectory");
        Objects.requireNonNull(buildDirectory, "buildDirectory");
        definitions = List.copyOf(definitions == null ? List.of() : definitions);
        crds = List.copyOf(crds == null ? List.of() : crds);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(toolFingerprint, "toolFingerprint");
    }

    public static Builder builder(Path projectDirectory) {
        return new Builder(projectDirectory);
    }

    /** Builds {@link StackBuildSettings} with the defaults every front end shares. */
    public static final class Builder {
        private final Path projectDirectory;
        private Path buildDirectory;
        private final List<Path> definitions = new ArrayList<>();
        private Path outputDirectory;
        private Path chartsDirectory;
        private Path docsDirectory;
        private String versionMode = "stable";
        private String clusterStackVersion;
        private String clusterAddonVersion;
        private String nodeImageVersion;
        private String baseline;
        private Credentials baselineCredentials;
        private boolean baselinePlainHttp;
        private boolean vendorDependencies;
        private Path chartCache;
        private Path caCertificates;
        private final List<Path> crds = new ArrayList<>();
        private String outputTimestamp;
        private String publishRepository;
        private Credentials publishCredentials;
        private boolean plainHttp;
        private Path planChart;
        private Path planClusters;
        private Path plansDirectory;
        private Path compatOlder;
        private Path compatNewer;
        private boolean compatSkip;
        private Path notesDirectory;
        private boolean offline;
        private String toolFingerprint = "dev";

        private Builder(Path projectDirectory) {
            this.projectDirectory = projectDirectory.toAbsolutePath().normalize();
            this.buildDirectory = this.projectDirectory.resolve("target");
        }

        public Builder buildDirectory(Path v) { buildDirectory = v; return this; }
        public Builder definition(Path v) { definitions.add(v); return this; }
        public Builder definitions(List<Path> v) { if (v != null) { definitions.addAll(v); } return this; }
        public Builder outputDirectory(Path v) { outputDirectory = v; return this; }
        public Builder chartsDirectory(Path v) { chartsDirectory = v; return this; }
        public Builder docsDirectory(Path v) { docsDirectory = v; return this; }
        public Builder versionMode(String v) { versionMode = v; return this; }
        public Builder clusterStackVersion(String v) { clusterStackVersion = v; return this; }
        public Builder clusterAddonVersion(String v) { clusterAddonVersion = v; return this; }
        public Builder nodeImageVersion(String v) { nodeImageVersion = v; return this; }
        public Builder baseline(String v) { baseline = v == null || v.isBlank() ? null : v.strip(); return this; }
        public Builder baselineCredentials(Credentials v) { baselineCredentials = v; return this; }
        public Builder baselinePlainHttp(boolean v) { baselinePlainHttp = v; return this; }
        public Builder vendorDependencies(boolean v) { vendorDependencies = v; return this; }
        public Builder chartCache(Path v) { chartCache = v; return this; }
        public Builder caCertificates(Path v) { caCertificates = v; return this; }
        public Builder crds(List<Path> v) { if (v != null) { crds.addAll(v); } return this; }
        public Builder outputTimestamp(String v) { outputTimestamp = v; return this; }
        public Builder publishRepository(String v) { publishRepository = v; return this; }
        public Builder publishCredentials(Credentials v) { publishCredentials = v; return this; }
        public Builder plainHttp(boolean v) { plainHttp = v; return this; }
        public Builder planChart(Path v) { planChart = v; return this; }
        public Builder planClusters(Path v) { planClusters = v; return this; }
        public Builder plansDirectory(Path v) { plansDirectory = v; return this; }
        public Builder compatOlder(Path v) { compatOlder = v; return this; }
        public Builder compatNewer(Path v) { compatNewer = v; return this; }
        public Builder compatSkip(boolean v) { compatSkip = v; return this; }
        public Builder notesDirectory(Path v) { notesDirectory = v; return this; }
        public Builder offline(boolean v) { offline = v; return this; }
        public Builder toolFingerprint(String v) { toolFingerprint = v; return this; }

        public StackBuildSettings build() {
            List<Path> defs = definitions.isEmpty()
                    ? List.of(projectDirectory.resolve(dev.clusterstack.core.definition.StackDefinition.DEFAULT_FILE))
                    : definitions.stream().map(this::absolute).toList();
            Path out = outputDirectory != null ? absolute(outputDirectory) : buildDirectory.resolve("cluster-stacks");
            Path charts = chartsDirectory != null ? absolute(chartsDirectory) : buildDirectory.resolve("cluster-stacks-charts");
            Path docs = docsDirectory != null ? absolute(docsDirectory) : buildDirectory.resolve("cluster-stack-docs");
            return new StackBuildSettings(projectDirectory, absolute(buildDirectory), defs, out, charts, docs, versionMode,
                    clusterStackVersion, clusterAddonVersion, nodeImageVersion, baseline, baselineCredentials, baselinePlainHttp,
                    vendorDependencies, chartCache == null ? null : absolute(chartCache),
                    caCertificates == null ? null : absolute(caCertificates),
                    crds.stream().map(this::absolute).toList(), outputTimestamp, publishRepository,
                    publishCredentials, plainHttp, planChart == null ? null : absolute(planChart),
                    absolute(planClusters != null ? planClusters : Path.of(DEFAULT_PLAN_CLUSTERS)),
                    plansDirectory != null ? absolute(plansDirectory) : buildDirectory.resolve("cluster-stack-plans"),
                    compatOlder == null ? null : absolute(compatOlder), compatNewer == null ? null : absolute(compatNewer),
                    compatSkip, notesDirectory == null ? null : absolute(notesDirectory),
                    offline, toolFingerprint);
        }

        private Path absolute(Path p) {
            return projectDirectory.resolve(p).toAbsolutePath().normalize();
        }
    }
}
