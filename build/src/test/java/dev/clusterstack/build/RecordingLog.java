package dev.clusterstack.build;

import java.util.ArrayList;
import java.util.List;

/** A log that keeps its info and warning lines ({@code INFO ...}, {@code WARN ...}) for a test to read. */
final class RecordingLog implements BuildLog {
    final List<String> lines = new ArrayList<>();

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void debug(String message) {
    }
}
