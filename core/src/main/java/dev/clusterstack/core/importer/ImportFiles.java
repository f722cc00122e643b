package dev.clusterstack.core.importer;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.problem.StackException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files of an import: the definition tried out in a temporary project before anything is written, the project's
 * files written, and the temporary folders the charts are rendered in.
 */
final class ImportFiles {
    private ImportFiles() {
    }

    /** The definition must load as the build loads it; otherwise nothing is written and the loader's problems say why. */
    static void loadable(String yaml, Map<String, String> texts) {
        Path trial = tempDir();
        try {
            Path definition = trial.resolve(StackDefinition.DEFAULT_FILE);
            write(trial, definition, yaml, texts, "");
            StackDefinition.load(definition, "stack.yaml");
        } catch (StackException e) {
            List<String> problems = new ArrayList<>();
            problems.add("the definition lifted from the stack does not load (a field the definition's model reads"
                    + " differently, e.g. an older API version of a template kind):");
            e.errors().forEach(p -> problems.add("  " + p));
            throw new ImportException(problems);
        } finally {
            deleteTree(trial);
        }
    }

    static List<Path> write(Path project, Path definition, String yaml, Map<String, String> texts, String report) {
        List<Path> written = new ArrayList<>();
        try {
            Path base = definition.getParent();
            Files.createDirectories(base);
            Files.writeString(definition, "# Imported from a csctl stack; see " + StackImporter.REPORT_FILE + "\n" + yaml, StandardCharsets.UTF_8);
            written.add(definition);
            for (Map.Entry<String, String> t : texts.entrySet()) {
                Path file = base.resolve(t.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, t.getValue(), StandardCharsets.UTF_8);
                written.add(file);
            }
            Path reportFile = project.resolve(StackImporter.REPORT_FILE);
            Files.createDirectories(reportFile.getParent());
            Files.writeString(reportFile, report, StandardCharsets.UTF_8);
            written.add(reportFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the imported stack into " + project + ": " + e.getMessage(), e);
        }
        return written;
    }

    interface TextEdit {
        String apply(String text);
    }

    static void rewrite(Path file, TextEdit edit) {
        try {
            Files.writeString(file, edit.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("clusterstack-import");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is no reason to fail the import
        }
    }
}
