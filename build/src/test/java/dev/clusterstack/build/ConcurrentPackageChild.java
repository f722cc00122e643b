package dev.clusterstack.build;

import java.nio.file.Path;

/**
 * Child JVM for {@link ConcurrentPackageTest}: packages the project given as first argument with the
 * bundle given as second, as the {@code package} goal does, logging to stdout; then prints "DONE".
 */
final class ConcurrentPackageChild {

    private ConcurrentPackageChild() {
    }

    public static void main(String[] args) {
        BuildLog log = new BuildLog() {
            @Override
            public void info(String message) {
                System.out.println("INFO " + message);
            }

            @Override
            public void warn(String message) {
                System.out.println("WARN " + message);
            }

            @Override
            public void debug(String message) {
            }
        };
        try {
            new ClusterStackRunner(ConcurrentPackageTest.settings(Path.of(args[0])), log, ClusterStackRunnerTest.WORDING)
                    .packageReleases(Path.of(args[1]));
        } catch (RuntimeException e) {
            System.out.println("FAILED " + e.getMessage());
            System.exit(1);
        }
        System.out.println("DONE");
    }
}
