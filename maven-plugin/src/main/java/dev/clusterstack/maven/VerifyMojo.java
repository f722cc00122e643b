package dev.clusterstack.maven;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.StackBuildSettings;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;

/**
 * Checks every release folder of this build (the last {@code package} run) as the Cluster Stack
 * Operator will use it: names and files of the contract, {@code metadata.yaml}, {@code helm lint
 * --strict} and {@code helm template <provider>-<name>-<maj>-<min> <cluster-class.tgz>} with no values,
 * every ClusterClass reference resolving to a rendered object, the addon archive against
 * {@code clusteraddon.yaml}, and, when {@code crds} are given, every rendered object against the
 * {@code openAPIV3Schema} of its CRD. A failure names the release, chart, object and field. Not run
 * again when the releases, the CRDs and the plugin are unchanged since the last successful run.
 *
 * <p>Then upgrade safety: each release against the releases clusters upgrade from (the previous release of the same
 * Kubernetes minor and the latest of the previous minor) in {@code <baseline>}, with Cluster API's rebase rules and
 * the variable rules of the definition's {@code compatibility:} section; notes go to {@code <notesDirectory>}.
 * {@code -Dclusterstack.compat.skip} leaves it out.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractCompatMojo {

    /**
     * CRD files or folders (searched for {@code *.yaml}) of the management cluster, e.g. Cluster API's
     * and the infrastructure provider's. Empty: no schema validation. On the command line: comma-separated.
     */
    @Parameter(property = PropertyNames.CRDS)
    private List<File> crds;

    /** Charts fetched earlier (for rendering vendored addon charts offline). */
    @Parameter(property = PropertyNames.CHART_CACHE, defaultValue = "${settings.localRepository}/.cache/clusterstack/charts")
    private File chartCache;

    /**
     * A PEM file of extra CA certificates that Helm trusts when it fetches addon chart dependencies from
     * chart repositories and OCI registries (a company CA). The system's certificates stay trusted.
     */
    @Parameter(property = PropertyNames.CA_CERTIFICATES)
    private File caCertificates;

    /** Skips this goal. */
    @Parameter(property = PropertyNames.VERIFY_SKIP, defaultValue = "false")
    private boolean skipVerify;

    @Override
    protected String goal() {
        return "verify";
    }

    @Override
    protected boolean skipGoal() {
        return skipVerify;
    }

    @Override
    protected String skipGoalProperty() {
        return PropertyNames.VERIFY_SKIP;
    }

    @Override
    protected void configure(StackBuildSettings.Builder settings) {
        settings.crds(crds == null ? null : crds.stream().map(File::toPath).toList())
                .chartCache(chartCache == null ? null : chartCache.toPath())
                .caCertificates(caCertificates == null ? null : caCertificates.toPath())
                .compatSkip(skipCompat);
        configureCompat(settings);
    }

    @Override
    protected void run(ClusterStackRunner runner) {
        runner.verify();
    }
}
