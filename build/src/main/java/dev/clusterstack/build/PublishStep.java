package dev.clusterstack.build;

import dev.clusterstack.build.ClusterStackRunner.BuiltRelease;
import dev.clusterstack.build.ClusterStackRunner.PublishResult;
import dev.clusterstack.core.publish.OciPublisher;
import dev.clusterstack.core.publish.OciRepository;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static dev.clusterstack.build.ClusterStackRunner.plural;

/** The {@code publish} step: the releases of the last package run pushed to an OCI repository. */
final class PublishStep {
    private final ClusterStackRunner runner;
    private final StackBuildSettings settings;

    PublishStep(ClusterStackRunner runner) {
        this.runner = runner;
        this.settings = runner.settings;
    }

    PublishResult run() {
        OciRepository target = repository();
        List<BuiltRelease> releases = runner.lastPackaged();
        if (releases.isEmpty()) {
            runner.log.warn("No cluster stack releases of this build to publish: " + runner.wording.step("package")
                    + " has not run for this project");
            return new PublishResult(List.of());
        }
        runner.requireFolders(releases);
        OciPublisher publisher = new OciPublisher();
        List<OciPublisher.Result> published = new ArrayList<>();
        for (BuiltRelease r : releases) {
            try {
                OciPublisher.Result result = publisher.publish(r.folder(), target, settings.publishCredentials(),
                        settings.plainHttp());
                runner.log.info("Published release " + r.folderName() + " as " + result.reference() + " ("
                        + result.digest() + ")");
                published.add(result);
            } catch (IOException e) {
                throw new StackBuildException("Publishing failed" + (published.isEmpty() ? "" : " after "
                        + plural(published.size(), "published release")) + ": " + e.getMessage());
            }
        }
        return new PublishResult(published);
    }

    /** The repository address, checked; the build must be online. */
    private OciRepository repository() {
        String repository = settings.publishRepository();
        if (repository == null || repository.isBlank()) {
            throw runner.error(Setting.PUBLISH_REPOSITORY, "no OCI repository to publish to: set it to oci://host[:port]/path");
        }
        OciRepository target;
        try {
            target = OciRepository.parse(repository);
        } catch (IllegalArgumentException e) {
            throw runner.error(Setting.PUBLISH_REPOSITORY, e.getMessage());
        }
        if (settings.offline()) {
            throw runner.error(Setting.PUBLISH_REPOSITORY, "cannot publish to " + repository + " offline ("
                    + runner.wording.brief(Setting.OFFLINE) + ")");
        }
        return target;
    }
}
