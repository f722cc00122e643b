package dev.clusterstack.core.definition;

import dev.clusterstack.core.problem.Location;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text files a stack definition names (values, overwrite and addon values files, {@code files[].source}): each
 * checked to be a regular file inside the definition's folder, read once per load, and evaluated with FreeMarker when
 * named {@code *.ftl}. Every file read is recorded as an input of the load.
 */
final class StackTextFiles {
    private final Path baseDir;
    private final String displayName;
    private final Interpolator interpolator;
    private final Set<Path> inputs;
    /** Stack text files already read in this load: each is read once, then rendered per version. */
    private final Map<Path, String> texts = new HashMap<>();

    StackTextFiles(Path baseDir, String displayName, Interpolator interpolator, Set<Path> inputs) {
        this.baseDir = baseDir;
        this.displayName = displayName;
        this.interpolator = interpolator;
        this.inputs = inputs;
    }

    /** A stack file's name in messages: relative to the project when the definition's display name is. */
    String shown(String relative) {
        try {
            Path parent = Path.of(displayName).getParent();
            return parent == null ? relative : parent.resolve(relative).normalize().toString().replace('\\', '/');
        } catch (java.nio.file.InvalidPathException e) {
            return relative;
        }
    }

    /**
     * Reads a text file of the stack (relative to the definition, inside its folder). A file named
     * {@code *.ftl} is evaluated with FreeMarker; any other file is returned as it is.
     */
    String read(String relative, String path, Map<String, Object> data, List<Problem> problems,
                Location where) {
        Path resolved;
        try {
            resolved = baseDir.resolve(relative).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            problems.add(Problem.error(path, "'" + printable(relative) + "' is not a valid file path: "
                    + printable(e.getReason())).at(where));
            return null;
        }
        if (relative.isBlank() || Path.of(relative).isAbsolute() || !resolved.startsWith(baseDir)) {
            problems.add(Problem.error(path, "'" + relative + "' must be a path inside the definition's folder "
                    + baseDir.getFileName()).at(where));
            return null;
        }
        try {
            if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(Problem.error(path, "file not found: " + relative).at(where));
                return null;
            }
            Path real = resolved.toRealPath();
            if (!real.startsWith(baseDir.toRealPath())) {
                problems.add(Problem.error(path, "'" + relative + "' is a link that leaves the definition's folder").at(where));
                return null;
            }
            if (!Files.isRegularFile(real)) {
                problems.add(Problem.error(path, "'" + relative + "' is " + (Files.isDirectory(real) ? "a folder" : "not a regular file")
                        + "; expected a text file").at(where));
                return null;
            }
        } catch (IOException e) {
            problems.add(Problem.error(path, "cannot read " + relative + ": " + e.getMessage()).at(where));
            return null;
        }
        inputs.add(resolved);
        String shown = shown(relative);
        try {
            String text = texts.get(resolved);
            if (text == null) {
                text = YamlSource.readText(resolved, shown);
                texts.put(resolved, text);
            }
            if (!relative.endsWith(StackDefinition.TEMPLATE_SUFFIX)) {
                int at = text.indexOf("[=");
                if (at >= 0) {
                    problems.add(Problem.warning(path, "'" + relative + "' is copied as it is, so '[=' here stays text;"
                            + " to evaluate FreeMarker in it, name the file " + relative + StackDefinition.TEMPLATE_SUFFIX
                            + " (this project's rule)").at(position(shown, text, at)));
                }
                return text;
            }
            if (!Interpolator.needsInterpolation(text)) {
                return text;
            }
            return interpolator.render(shown, text, data);
        } catch (StackException e) {
            for (Problem p : e.problems()) {
                problems.add(Problem.error(path, p.message()).at(p.location() != null ? p.location() : where));
            }
        } catch (Interpolator.TemplateProblem e) {
            // FreeMarker knows the line in the stack file: point there
            String hint = e.bracketTag ? ", or name the file without " + StackDefinition.TEMPLATE_SUFFIX + " to copy it as it is" : "";
            problems.add(Problem.error(path, e.getMessage() + hint)
                    .at(e.line > 0 ? new Location(shown, e.line, Math.max(1, e.column)) : where));
        }
        return null;
    }

    /** Line and column of a character offset in a text. */
    private static Location position(String file, String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Location(file, line, text.codePointCount(lineStart, offset) + 1);
    }

    /** Text for a message: control characters shown as escapes. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
