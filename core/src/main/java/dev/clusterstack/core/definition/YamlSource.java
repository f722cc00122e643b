package dev.clusterstack.core.definition;

import dev.clusterstack.core.bind.Node;
import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.problem.Location;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a YAML file into a located {@link Node} tree, safely: strict UTF-8, a size limit, no
 * duplicate keys, few aliases (no alias bombs), bounded nesting, and every failure reported as a
 * {@link StackException} naming file, line and column.
 */
public final class YamlSource {
    /** The largest definition or stack text file read, in bytes. */
    public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
    private static final int MAX_ALIASES = 20;
    private static final int MAX_NODES = 2_000_000;
    private static final int MAX_DEPTH = 200;

    private YamlSource() {
    }

    /** Reads a text file as strict UTF-8 within the size limit. */
    public static String readText(Path file, String displayName) {
        try {
            if (!Files.isRegularFile(file)) {
                Optional<Path> loop = symlinkLoop(file);
                throw new StackException(List.of(Problem.error("", (Files.isDirectory(file) ? displayName
                        + " is a folder, not a file" : Files.exists(file) ? displayName + " is not a regular file"
                        : loop.isPresent() ? displayName + " cannot be reached: the symbolic link " + loop.get()
                        + " leads into a loop of links" : "file not found: " + displayName))));
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new StackException(List.of(Problem.error("", "file is " + size + " bytes, more than the "
                        + MAX_FILE_BYTES + " bytes a stack file may have").at(new Location(displayName, 1, 1))));
            }
            byte[] bytes = Files.readAllBytes(file);
            return decode(bytes, displayName);
        } catch (IOException e) {
            throw new StackException(List.of(Problem.error("", "cannot read " + displayName + ": " + e.getMessage())));
        }
    }

    /**
     * The symbolic link at which resolving {@code file} runs into a loop (a folder linked to itself or
     * links that point at each other), or empty when there is none.
     */
    public static Optional<Path> symlinkLoop(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            Path current = absolute.getRoot();
            for (Path name : absolute) {
                Path next = current.resolve(name);
                if (Files.isSymbolicLink(next) && resolve(next, 0) == null) {
                    return Optional.of(next);
                }
                current = next;
            }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Where a path leads, link by link as the kernel resolves it; {@code null} after 40 links (a loop). */
    private static Path resolve(Path path, int hops) throws IOException {
        Path current = path.getRoot();
        for (Path name : path) {
            Path next = current.resolve(name);
            int hop = hops;
            while (Files.isSymbolicLink(next)) {
                if (++hop > 40) {
                    return null;
                }
                Path target = next.getParent().resolve(Files.readSymbolicLink(next)).normalize();
                next = resolve(target, hop);
                if (next == null) {
                    return null;
                }
            }
            hops = hop;
            current = next;
        }
        return current;
    }

    static String decode(byte[] bytes, String displayName) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int offset = firstInvalid(bytes);
            int line = 1;
            int column = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            throw new StackException(List.of(Problem.error("", "not valid UTF-8 (byte 0x"
                    + String.format("%02x", bytes[offset] & 0xff) + " at offset " + offset + "); save the file as UTF-8")
                    .at(new Location(displayName, line, column))));
        }
    }

    /** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
    static int firstInvalid(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int len = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
            if (len == 0 || i + len > bytes.length) {
                return i;
            }
            for (int k = 1; k < len; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += len;
        }
        return Math.max(0, bytes.length - 1);
    }

    /**
     * A hint for a YAML error on a line with Go template braces: a value starting with {@code {{} must
     * be quoted, and a Helm escape ({@code {{ `...` }}}, what a hand-migrated chart leaves) is not
     * needed in a stack definition.
     */
    static String templateHint(String text, Mark mark, Mark context) {
        String lines = line(text, mark) + "\n" + line(text, context);
        if (!lines.contains("{{")) {
            return "";
        }
        String hint = " (hint: quote a value that starts with '{{', e.g. enabledIf: '{{ .x }}'";
        if (lines.matches("(?s).*\\{\\{-?\\s*`.*") || lines.contains("`}}") || lines.contains("` }}")) {
            hint += "; and drop the Helm escape {{ `...` }}: the chart escapes every literal for you, write the Go"
                    + " template itself";
        }
        return hint + ")";
    }

    private static String line(String text, Mark mark) {
        if (mark == null) {
            return "";
        }
        String[] all = text.split("\n", -1);
        return mark.getLine() < all.length ? all[mark.getLine()] : "";
    }

    /** Parses YAML text of one document into a located tree; an empty document is an error. */
    public static Node parse(String text, String displayName) {
        List<Problem> duplicates = new ArrayList<>();
        Node tree = parse(text, displayName, duplicates);
        if (!duplicates.isEmpty()) {
            throw new StackException(duplicates);
        }
        return tree;
    }

    /**
     * As {@link #parse(String, String)}, but a key given twice in a mapping is added to {@code duplicateKeys}
     * (located, with its path; the later value is kept) instead of failing the parse, so that a caller can report
     * it with every other problem of the document.
     */
    public static Node parse(String text, String displayName, List<Problem> duplicateKeys) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(options);
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Mark context = e.getContextMark();
            // "while scanning a quoted scalar" and the like: say where that started when it is elsewhere
            String contextAt = context != null && mark != null && context.getLine() != mark.getLine()
                    ? " (started on line " + (context.getLine() + 1) + ", column " + (context.getColumn() + 1) + ")" : "";
            String message = (e.getContext() != null ? e.getContext() + contextAt + ": " : "") + e.getProblem();
            throw new StackException(List.of(Problem.error("", "invalid YAML: " + message.replace('\n', ' ').trim()
                    + templateHint(text, mark, context)).at(location(displayName, mark))));
        } catch (org.yaml.snakeyaml.reader.ReaderException e) {
            // a character YAML does not allow (NUL, other control characters): point at it
            int line = 1;
            int column = 1;
            for (int i = 0; i < e.getPosition() && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else if (!Character.isLowSurrogate(text.charAt(i))) {
                    column++;
                }
            }
            throw new StackException(List.of(Problem.error("", "invalid YAML: special characters are not allowed (U+"
                    + String.format("%04X", e.getCodePoint()) + ")").at(new Location(displayName, line, column))));
        } catch (YAMLException e) {
            // the nesting and alias limits carry no position: find where they are crossed
            Problem located = LimitLocator.locate(text, displayName, MAX_ALIASES, MAX_DEPTH);
            throw new StackException(List.of(located != null ? located : Problem.error("", "invalid YAML: " + e.getMessage())
                    .at(new Location(displayName, 1, 1))));
        }
        if (root == null) {
            throw new StackException(List.of(Problem.error("", "the file is empty").at(new Location(displayName, 1, 1))));
        }
        Converter converter = new Converter(displayName);
        Node tree = converter.convert(root, "");
        if (!converter.problems.isEmpty()) {
            List<Problem> all = new ArrayList<>(converter.duplicates);
            all.addAll(converter.problems);
            throw new StackException(all);
        }
        duplicateKeys.addAll(converter.duplicates);
        return tree;
    }

    static Location location(String file, Mark mark) {
        return mark == null ? new Location(file, 1, 1) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static final class Converter {
        private final String file;
        private final Map<org.yaml.snakeyaml.nodes.Node, Boolean> active = new IdentityHashMap<>();
        private final List<Problem> problems = new ArrayList<>();
        private final List<Problem> duplicates = new ArrayList<>();
        private int count;

        Converter(String file) {
            this.file = file;
        }

        Node convert(org.yaml.snakeyaml.nodes.Node n, String path) {
            if (++count > MAX_NODES) {
                throw new StackException(List.of(Problem.error("", "the document expands to more than " + MAX_NODES
                        + " nodes (aliases used as a bomb?)").at(location(file, n.getStartMark()))));
            }
            if (active.put(n, Boolean.TRUE) != null) {
                throw new StackException(List.of(Problem.error("", "recursive alias").at(location(file, n.getStartMark()))));
            }
            try {
                Location loc = location(file, n.getStartMark());
                if (n instanceof MappingNode m) {
                    Map<String, Node> entries = new LinkedHashMap<>();
                    Map<String, Location> keys = new LinkedHashMap<>();
                    Map<String, Node> merged = new LinkedHashMap<>();
                    Map<String, Location> mergedKeys = new LinkedHashMap<>();
                    for (NodeTuple t : m.getValue()) {
                        if (!(t.getKeyNode() instanceof ScalarNode k)) {
                            throw new StackException(List.of(Problem.error("", "mapping keys must be plain strings")
                                    .at(location(file, t.getKeyNode().getStartMark()))));
                        }
                        if (Tag.MERGE.equals(k.getTag())) {
                            merge(t.getValueNode(), path, merged, mergedKeys);
                            continue;
                        }
                        Location keyAt = location(file, k.getStartMark());
                        String child = Paths.child(path, k.getValue());
                        if (keys.containsKey(k.getValue())) {
                            duplicates.add(Problem.error(child, "duplicate key '" + k.getValue() + "' (first on line "
                                    + keys.get(k.getValue()).line() + ")").at(keyAt));
                        }
                        entries.put(k.getValue(), convert(t.getValueNode(), child));
                        keys.put(k.getValue(), keyAt);
                    }
                    // YAML merge keys ("<<: *anchor"): keys written in the mapping win over merged ones
                    merged.forEach((k, v) -> {
                        if (!entries.containsKey(k)) {
                            entries.put(k, v);
                            keys.put(k, mergedKeys.get(k));
                        }
                    });
                    return new Node.MapNode(entries, keys, loc);
                }
                if (n instanceof SequenceNode s) {
                    List<Node> items = new ArrayList<>(s.getValue().size());
                    for (org.yaml.snakeyaml.nodes.Node item : s.getValue()) {
                        items.add(convert(item, Paths.index(path, items.size())));
                    }
                    return new Node.ListNode(items, loc);
                }
                ScalarNode s = (ScalarNode) n;
                return new Node.ScalarNode(s.getValue(), typeOf(s), s.isPlain(), loc);
            } finally {
                active.remove(n);
            }
        }

        /** The value of a merge key: a mapping or a list of mappings; earlier ones win. */
        private void merge(org.yaml.snakeyaml.nodes.Node value, String path, Map<String, Node> merged,
                           Map<String, Location> mergedKeys) {
            List<org.yaml.snakeyaml.nodes.Node> sources = value instanceof SequenceNode s ? s.getValue() : List.of(value);
            for (org.yaml.snakeyaml.nodes.Node source : sources) {
                if (!(source instanceof MappingNode) || !(convert(source, path) instanceof Node.MapNode m)) {
                    problems.add(Problem.error("", "a merge key '<<' takes a mapping or a list of mappings")
                            .at(location(file, source.getStartMark())));
                    continue;
                }
                m.entries().forEach((k, v) -> {
                    if (!merged.containsKey(k)) {
                        merged.put(k, v);
                        mergedKeys.put(k, m.keyLocations().get(k));
                    }
                });
            }
        }

        private static String typeOf(ScalarNode s) {
            Tag tag = s.getTag();
            if (Tag.INT.equals(tag)) {
                return "int";
            }
            if (Tag.FLOAT.equals(tag)) {
                return "float";
            }
            if (Tag.BOOL.equals(tag)) {
                return "bool";
            }
            if (Tag.NULL.equals(tag)) {
                return "null";
            }
            return "str";
        }
    }
}
