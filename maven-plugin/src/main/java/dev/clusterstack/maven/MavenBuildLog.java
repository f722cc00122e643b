package dev.clusterstack.maven;

import dev.clusterstack.build.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** Maven's log behind the runner's {@link BuildLog}. */
record MavenBuildLog(Log log) implements BuildLog {
    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
