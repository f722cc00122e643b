package dev.clusterstack.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clusterstack.build.ClusterStackRunner;
import dev.clusterstack.build.Setting;
import dev.clusterstack.build.SettingException;
import dev.clusterstack.build.StackBuildSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's terms: settings as POM element and user property, release files as classifiers. */
class MavenWordingTest {

    @Test
    void everySettingHasTheElementAndThePropertyOfItsParameter() {
        assertEquals("<versionMode> (clusterstack.versionMode)", MavenWording.INSTANCE.setting(Setting.VERSION_MODE));
        assertEquals("<versionMode>", MavenWording.INSTANCE.brief(Setting.VERSION_MODE));
        assertEquals("<repository> (clusterstack.publish.repository)", MavenWording.INSTANCE.setting(Setting.PUBLISH_REPOSITORY));
        assertEquals("<serverId> (clusterstack.publish.serverId)", MavenWording.INSTANCE.setting(Setting.PUBLISH_CREDENTIALS));
        assertEquals("<project.build.outputTimestamp> (project.build.outputTimestamp)",
                MavenWording.INSTANCE.setting(Setting.OUTPUT_TIMESTAMP));
        assertEquals("<baselineServerId> (clusterstack.baseline.serverId)",
                MavenWording.INSTANCE.setting(Setting.BASELINE_CREDENTIALS));
        assertEquals("<chart> (clusterstack.plan.chart)", MavenWording.INSTANCE.setting(Setting.PLAN_CHART));
        assertEquals("<outputDirectory> (clusterstack.plan.outputDirectory)", MavenWording.INSTANCE.setting(Setting.PLANS_DIRECTORY));
        assertEquals("<skipCompat> (clusterstack.compat.skip)", MavenWording.INSTANCE.setting(Setting.COMPAT_SKIP));
        assertEquals("<older> (clusterstack.compat.older)", MavenWording.INSTANCE.setting(Setting.COMPAT_OLDER));
        assertEquals("-o", MavenWording.INSTANCE.brief(Setting.OFFLINE));
        assertEquals("clusterstack:package", MavenWording.INSTANCE.step("package"));
        for (Setting s : Setting.values()) {
            String property = MavenWording.property(s);
            assertTrue(property.startsWith(PropertyNames.PREFIX) || s == Setting.OFFLINE || s == Setting.OUTPUT_TIMESTAMP,
                    s + ": " + property);
        }
    }

    @Test
    void theRunnersSettingErrorsReadAsBefore(@TempDir Path project) {
        ClusterStackRunner runner = new ClusterStackRunner(StackBuildSettings.builder(project).versionMode("custom")
                .clusterStackVersion("v3").clusterAddonVersion("v2").build(), null, MavenWording.INSTANCE);
        SettingException e = assertThrows(SettingException.class, () -> runner.customVersions(runner.versionMode()));
        assertEquals("<nodeImageVersion> (clusterstack.nodeImageVersion): is required when <versionMode>"
                + " (clusterstack.versionMode) is custom", e.getMessage());
        assertEquals(Setting.NODE_IMAGE_VERSION, e.setting());
    }

    @Test
    void releaseFileClassifierDropsTheVersion() {
        assertEquals(new ReleaseArtifacts.ReleaseFile(Path.of("x/openstack-scs-1-32-cluster-class-v0-sha.abc1234.tgz"),
                "openstack-scs-1-32-cluster-class", "tgz"), ReleaseArtifacts.releaseFile("openstack-scs-1-32",
                Path.of("x/openstack-scs-1-32-cluster-class-v0-sha.abc1234.tgz")));
        assertEquals("openstack-scs-1-32-node-images", ReleaseArtifacts.releaseFile("openstack-scs-1-32",
                Path.of("node-images.yaml")).classifier());
        List<String> attached = ReleaseArtifacts.of(List.of(new ClusterStackRunner.BuiltRelease("docker-scs-1-32-v1",
                "docker-scs-1-32", Path.of("r"), List.of(Path.of("r/clusteraddon.yaml"),
                Path.of("r/docker-scs-1-32-cluster-addon-v1.tgz"), Path.of("r/hashes.json")))))
                .stream().map(f -> f.classifier() + ":" + f.type()).toList();
        assertEquals(List.of("docker-scs-1-32-clusteraddon:yaml", "docker-scs-1-32-cluster-addon:tgz",
                "docker-scs-1-32-hashes:json"), attached);
    }
}
