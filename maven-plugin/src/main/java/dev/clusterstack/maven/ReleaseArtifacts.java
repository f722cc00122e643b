package dev.clusterstack.maven;

import dev.clusterstack.build.ClusterStackRunner.BuiltRelease;
import dev.clusterstack.core.contract.ReleaseLayout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The Maven classifier and type of each release file: {@code <release name>-<component>}, version
 * dropped (e.g. {@code openstack-scs-1-32-cluster-class}, type {@code tgz}), so that a release's
 * files keep their coordinates from one version to the next.
 */
final class ReleaseArtifacts {
    /** One release file with its classifier and type. */
    record ReleaseFile(Path file, String classifier, String type) {
    }

    private ReleaseArtifacts() {
    }

    /** Every file of the releases, in order. */
    static List<ReleaseFile> of(List<BuiltRelease> releases) {
        List<ReleaseFile> out = new ArrayList<>();
        for (BuiltRelease r : releases) {
            r.files().forEach(f -> out.add(releaseFile(r.releaseName(), f)));
        }
        return out;
    }

    /** The classifier and type of one file of the release {@code releaseName}. */
    static ReleaseFile releaseFile(String releaseName, Path file) {
        String name = file.getFileName().toString();
        Matcher m = ReleaseLayout.COMPONENT_ARCHIVE.matcher(name);
        if (m.matches()) {
            return new ReleaseFile(file, m.group(1), "tgz");
        }
        int dot = name.lastIndexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        String type = dot < 0 ? "file" : name.substring(dot + 1);
        return new ReleaseFile(file, releaseName + "-" + base, type);
    }
}
