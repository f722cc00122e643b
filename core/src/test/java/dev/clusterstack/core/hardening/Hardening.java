package dev.clusterstack.core.hardening;

import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Shared checks of the hardening tests: what a clean, user-facing failure looks like. */
final class Hardening {
    /** A Java class name of an exception or error, as it would leak from a stack trace or toString(). */
    private static final Pattern JAVA_THROWABLE = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error)\\b"
            + "|\\b\\w*(?:Exception|Error)\\b(?=:|$)|\\b(?:NullPointer|ClassCast|IllegalArgument|IllegalState|IndexOutOfBounds|"
            + "ArrayIndexOutOfBounds|NumberFormat|UnsupportedOperation|InvalidPath|StackOverflow|OutOfMemory|Arithmetic)");

    private Hardening() {
    }

    /** Problems of a failure that are not fit for a user: no path/message, or Java internals in the text. */
    static List<String> unfit(StackException e, boolean requireLine) {
        List<String> out = new ArrayList<>();
        if (e.problems().isEmpty()) {
            out.add("no problems");
        }
        if (e.errors().isEmpty()) {
            out.add("no error among the problems");
        }
        for (Problem p : e.problems()) {
            if (p.path() == null || p.message() == null || p.message().isBlank()) {
                out.add("no path or message: " + p);
            }
            if (p.location() == null || p.location().file() == null || p.location().file().isBlank()) {
                out.add("no location: " + p);
            } else if (requireLine && p.location().line() < 1) {
                out.add("no line: " + p);
            }
        }
        String text = e.getMessage();
        if (text == null || text.contains("\tat ") || text.contains("\n\tat") || JAVA_THROWABLE.matcher(text).find()) {
            out.add("Java internals in the message: " + text);
        }
        return out;
    }

    /** Every file and folder under {@code dir} (hidden ones too), relative. */
    static List<String> contents(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
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
}
