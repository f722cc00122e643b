package dev.clusterstack.core.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The table of figures: printed and written as Markdown. */
final class BenchResults {

    record Row(String figure, String measure, String value, String target, String verdict) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void add(String figure, String measure, String value, String target, String verdict) {
        Row row = new Row(figure, measure, value, target, verdict);
        rows.add(row);
        System.out.println("  => " + figure + " | " + measure + " | " + value + " | " + target + " | " + verdict);
    }

    void add(String figure, String measure, String value) {
        add(figure, measure, value, "", "");
    }

    void note(String text) {
        notes.add(text);
        System.out.println("  note: " + text);
    }

    static String verdict(boolean pass, String detail) {
        return (pass ? "met" : "MISSED") + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
    }

    String markdown(String header) {
        StringBuilder sb = new StringBuilder(header).append("\n\n");
        sb.append("| # | measure | value: median (min–max, n) | target | verdict |\n");
        sb.append("|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.figure()).append(" | ").append(r.measure()).append(" | ").append(r.value())
                    .append(" | ").append(r.target()).append(" | ").append(r.verdict()).append(" |\n");
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            for (String n : notes) {
                sb.append("- ").append(n).append('\n');
            }
        }
        return sb.toString();
    }

    void write(Path file, String header) throws IOException {
        Files.createDirectories(file.getParent());
        String md = markdown(header);
        Files.writeString(file, md, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(md);
        System.out.println("written to " + file);
    }
}
