package dev.clusterstack.core.hardening;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.definition.YamlSource;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A catalogue of broken stack definitions and stack folders, run through the whole build path
 * (load, then ReleaseBuilder into {@code target/cluster-stacks} of a temporary project). Each must
 * fail with a {@link StackException} (never another exception), every problem must name its file
 * and line (whole-file problems at least the file), the expected message must be there at the
 * expected place, no Java stack trace or exception class name may show, nothing may be written
 * under the output folder, and it must all happen within {@value #SECONDS} seconds.
 *
 * <p>Cases in {@code src/test/resources/hardening/<case>/} each break the stack of {@code valid/}
 * in one place (the first comment line says how). Cases git cannot hold are generated into a
 * temporary folder by {@link #GENERATED}. Line 0 means a whole-file problem; column 0 means the
 * column is not checked. The table of observed messages is written to
 * {@code target/hardening/catalogue.md}.
 */
class BadInputCatalogueTest {
    static final long SECONDS = 10;
    static final Path CASES = Path.of("src/test/resources/hardening");

    /** A case: where its definition is (or how it is made), the message fragment and where it must point. */
    record Case(String name, String fragment, String file, int line, int column, Generator generator) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Writes a generated case into {@code dir}; returns the definition file to load. */
    interface Generator {
        Path write(Path dir) throws IOException;
    }

    static Case c(String name, String fragment, String file, int line, int column) {
        return new Case(name, fragment, file, line, column, null);
    }

    static Case g(String name, String fragment, String file, int line, int column, Generator generator) {
        return new Case(name, fragment, file, line, column, generator);
    }

    static final String SOURCE = "templates[2].spec.template.spec.kubeadmConfigSpec.files[0].source";

    /** The cases in src/test/resources/hardening/: case, expected message fragment, file, line, column. */
    static final List<Case> IN_GIT = List.of(
            // malformed YAML
            c("yaml-bad-indentation", "invalid YAML: while parsing a block mapping", "stack.yaml", 12, 4),
            c("yaml-unclosed-quote", "invalid YAML: while parsing a block mapping (started on line 7, column 5)", "stack.yaml", 30, 21),
            c("yaml-unclosed-quote-at-end", "while scanning a quoted scalar (started on line 81, column 17): found unexpected end of stream", "stack.yaml", 82, 1),
            c("yaml-tab-indentation", "found character '\\t(TAB)' that cannot start any token", "stack.yaml", 11, 1),
            c("yaml-unclosed-flow", "while parsing a flow sequence (started on line 30, column 17): expected ',' or ']'", "stack.yaml", 31, 11),
            c("yaml-duplicate-key", "duplicate key 'provider' (first on line 2)", "stack.yaml", 3, 1),
            // wrong types
            c("type-string-for-list", "kubernetesVersions: expected a list, found a string", "stack.yaml", 6, 21),
            c("type-list-for-map", "clusterClass.infrastructure: expected a mapping, found a list", "stack.yaml", 11, 5),
            c("type-number-for-boolean", "matchResources.controlPlane: expected true or false, found a number (1)", "stack.yaml", 39, 29),
            c("type-map-for-string", "name: expected a string, found a mapping", "stack.yaml", 3, 7),
            c("type-string-for-number", "openAPIV3Schema.maxLength: expected a whole number, found a string", "stack.yaml", 31, 22),
            c("huge-number", "number 123456789012345678901234567890 is out of range", "stack.yaml", 31, 22),
            c("binary-number", "minimum 15 is greater than maximum 10", "stack.yaml", 33, 11),
            c("sexagesimal-number", "default 5400 is an integer, the schema type is string", "stack.yaml", 30, 11),
            c("null-list-item", "clusterClass.variables[1]: empty list item: expected a mapping", "stack.yaml", 31, 6),
            c("condition-object-not-mapping", "waitForPreCondition.objects[0]: expected a mapping, found a string", "stack.yaml", 83, 21),
            // unknown fields, with a hint
            c("unknown-field-top", "unknown field 'kubernetesVersion', did you mean 'kubernetesVersions'?", "stack.yaml", 6, 1),
            c("unknown-field-clusterclass", "unknown field 'variabels', did you mean 'variables'?", "stack.yaml", 24, 3),
            c("unknown-field-template-spec", "unknown field 'preKubeadmCommand', did you mean 'preKubeadmCommands'?", "stack.yaml", 64, 13),
            c("unknown-field-addon", "unknown field 'valuez', did you mean 'values'?", "stack.yaml", 80, 5),
            // duplicate names
            c("duplicate-variable", "variable 'imageRepository' is declared twice", "stack.yaml", 31, 7),
            c("duplicate-patch", "patch name 'imageRepository' is used twice", "stack.yaml", 45, 7),
            c("duplicate-template", "template name 'cluster' is used twice", "stack.yaml", 66, 5),
            c("duplicate-addon", "addon 'metrics-server' is defined twice", "stack.yaml", 82, 5),
            c("duplicate-md-class", "machine deployment class 'default-worker' is defined twice", "stack.yaml", 24, 9),
            // provider and name
            c("provider-dash", "'my-docker' must match [a-z0-9]+", "stack.yaml", 2, 1),
            c("name-uppercase", "'Hardening' must match [a-z0-9]+", "stack.yaml", 3, 1),
            // Kubernetes versions
            c("version-not-full", "'1.32' is not a full Kubernetes version", "stack.yaml", 8, 5),
            c("version-duplicate-minor", "Kubernetes 1.32 is given twice", "stack.yaml", 8, 5),
            c("versions-none", "at least one Kubernetes version is required", "stack.yaml", 6, 1),
            c("version-missing", "'null' is not a full Kubernetes version", "stack.yaml", 7, 5),
            // references and patches
            c("dangling-ref", "no template named 'control-plain', did you mean 'control-plane'?", "stack.yaml", 13, 5),
            c("patch-unknown-variable", "'imageRepo' is not a declared variable", "stack.yaml", 44, 17),
            c("jsonpatch-path-no-spec", "must start with /spec/", "stack.yaml", 42, 15),
            c("jsonpatch-bad-op", "'move' is not supported: use add, replace or remove", "stack.yaml", 41, 15),
            c("jsonpatch-bad-index", "array index 3 is not allowed, only 0 (prepend) or - (append)", "stack.yaml", 42, 15),
            c("value-and-valuefrom", "give either 'value' or 'valueFrom', exactly one", "stack.yaml", 41, 15),
            // definition-time checks of what Cluster API, Helm or the operator would refuse later
            c("template-metadata-name", "the chart computes the object's name", "stack.yaml", 48, 16),
            c("ref-ambiguous", "'control-plane' names 2 templates, say which: DockerMachineTemplate/control-plane,"
                    + " KubeadmControlPlaneTemplate/control-plane", "stack.yaml", 13, 5),
            c("cel-invalid-rule", "not a valid CEL rule", "stack.yaml", 31, 39),
            c("jsonpatch-replace-missing", "has no /spec/template/spec/kubeadmConfigSpec/clusterConfiguration/imageRepository",
                    "stack.yaml", 42, 15),
            c("addon-version-not-semver", "'latest' is not a SemVer version as Helm requires", "stack.yaml", 79, 7),
            c("field-wrong-level", "did you mean 'templates[1].spec.template.spec.preKubeadmCommands'?", "stack.yaml", 48, 65),
            c("enabledif-helm-escape", "holds the Helm escape", "stack.yaml", 33, 7),
            c("md-bootstrap-wrong-kind", "but this reference needs a bootstrap template", "stack.yaml", 21, 13),
            // Go template delimiters
            c("enabledif-unbalanced", "enabledIf: not a valid Go template: unclosed action '{{'", "stack.yaml", 33, 7),
            c("valuefrom-template-unbalanced", "not a valid Go template: 'if' is never closed with {{ end }}", "stack.yaml", 44, 17),
            c("overwrite-unbalanced", "overwrite: not a valid Go template: unclosed action '{{' on line 2", "stack.yaml", 82, 5),
            // FreeMarker
            c("freemarker-unknown-variable", "'kubernetes.tags' is null or missing", "stack.yaml", 53, 24),
            c("freemarker-syntax", "template syntax: Encountered \"]\"", "stack.yaml", 65, 17),
            c("freemarker-in-source-file", "'kubernetes.versoin' is null or missing", "files/motd.txt.ftl", 2, 17),
            c("freemarker-recursion", "calls nest too deep", "stack.yaml", 65, 17),
            c("freemarker-runaway-output", "the result is longer than 8388608 characters", "stack.yaml", 65, 17),
            // stack files
            c("source-dotdot", "'../outside.txt' must be a path inside the definition's folder", "stack.yaml", 63, 25),
            c("source-absolute", "'/etc/hostname' must be a path inside the definition's folder", "stack.yaml", 63, 25),
            c("source-missing", "file not found: files/nope.txt", "stack.yaml", 63, 25),
            c("source-directory", "'files' is a folder; expected a text file", "stack.yaml", 63, 25),
            c("source-nul-in-path", "'files/motd\\u0000.txt' is not a valid file path", "stack.yaml", 63, 25),
            c("values-file-not-mapping", "a values file must hold a mapping", "files/values.yaml", 1, 1),
            c("values-file-bad-yaml", "invalid YAML: mapping values are not allowed here", "files/values.yaml", 2, 7),
            // whole documents
            c("empty-file", "the file is empty", "stack.yaml", 1, 1),
            c("only-comments", "the file is empty", "stack.yaml", 1, 1),
            c("top-level-list", "the stack definition must be a mapping, found a list", "stack.yaml", 2, 1),
            c("top-level-scalar", "the stack definition must be a mapping, found a string", "stack.yaml", 1, 1),
            // features
            c("unknown-feature", "unknown feature 'etcdDefrg', did you mean 'etcdDefrag'?", "stack.yaml", 75, 3),
            c("bad-feature-config", "features.etcdDefrag.backupKeep: expected a whole number, found a string", "stack.yaml", 76, 5));

    /**
     * Cases generated into a temporary folder (a copy of {@code valid/}), because git cannot hold them
     * or they are too big to keep:
     * <pre>
     * case                      what is written
     * symlink-source-outside    files/motd.txt is a symbolic link to a file outside the stack folder
     * symlink-folder-outside    files/ is a symbolic link to a folder outside the stack folder
     * definition-100mb          stack.yaml is 100 MB (sparse: valid YAML, then zeros)
     * source-100mb              files/motd.txt is 100 MB (sparse)
     * non-utf8-definition       byte 0xFF at line 3, column 10 of stack.yaml
     * non-utf8-source           bytes 0xC3 0x28 at line 2, column 5 of files/motd.txt
     * nul-byte                  a raw NUL byte at line 2, column 12 of stack.yaml
     * alias-bomb                billion laughs: 9 levels of 10 aliases each
     * deep-nesting-flow-lists   values nested 10,000 levels deep: [[[[...]]]]
     * deep-nesting-flow-maps    values nested 10,000 levels deep: {a: {a: ...}}
     * deep-nesting-block        values nested 1,000 levels deep in block style
     * definition-is-directory   the definition path is a folder
     * definition-missing        the definition path does not exist
     * source-fifo               files/motd.txt is a named pipe (reading it would block forever)
     * </pre>
     */
    static final List<Case> GENERATED = List.of(
            g("symlink-source-outside", "'files/motd.txt' is a link that leaves the definition's folder", "stack.yaml", 63, 25, dir -> {
                Path def = copyValid(dir);
                Path outside = Files.writeString(dir.resolveSibling("secret.txt"), "not part of the stack\n");
                Files.delete(def.resolveSibling("files/motd.txt"));
                Files.createSymbolicLink(def.resolveSibling("files/motd.txt"), outside);
                return def;
            }),
            g("symlink-folder-outside", "'files/motd.txt' is a link that leaves the definition's folder", "stack.yaml", 63, 25, dir -> {
                Path def = copyValid(dir);
                Path outside = Files.createDirectories(dir.resolveSibling("elsewhere"));
                Files.writeString(outside.resolve("motd.txt"), "hello\n");
                Hardening.deleteTree(def.resolveSibling("files"));
                Files.createSymbolicLink(def.resolveSibling("files"), outside);
                return def;
            }),
            g("definition-100mb", "file is 104857600 bytes, more than the 8388608 bytes", "stack.yaml", 1, 1, dir -> {
                Path def = copyValid(dir);
                try (RandomAccessFile f = new RandomAccessFile(def.toFile(), "rw")) {
                    f.setLength(100L * 1024 * 1024); // sparse: no 100 MB written to disk
                }
                return def;
            }),
            g("source-100mb", "file is 104857600 bytes, more than the 8388608 bytes", "files/motd.txt", 1, 1, dir -> {
                Path def = copyValid(dir);
                try (RandomAccessFile f = new RandomAccessFile(def.resolveSibling("files/motd.txt").toFile(), "rw")) {
                    f.setLength(100L * 1024 * 1024);
                }
                return def;
            }),
            g("non-utf8-definition", "not valid UTF-8 (byte 0xff", "stack.yaml", 3, 10, dir -> {
                Path def = copyValid(dir);
                byte[] text = Files.readAllBytes(def);
                String s = new String(text, StandardCharsets.UTF_8).replace("name: hardening", "name: har\u0000dening");
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < b.length; i++) {
                    if (b[i] == 0) {
                        b[i] = (byte) 0xFF;
                    }
                }
                Files.write(def, b);
                return def;
            }),
            g("non-utf8-source", "not valid UTF-8 (byte 0xc3", "files/motd.txt", 2, 5, dir -> {
                Path def = copyValid(dir);
                Files.write(def.resolveSibling("files/motd.txt"), new byte[]{'l', 'i', 'n', 'e', '\n', 'a', 'b', 'c', 'd',
                        (byte) 0xC3, '(', '\n'});
                return def;
            }),
            g("nul-byte", "special characters are not allowed (U+0000)", "stack.yaml", 2, 12, dir -> {
                Path def = copyValid(dir);
                Files.writeString(def, Files.readString(def).replace("provider: docker", "provider: d\u0000ocker"));
                return def;
            }),
            g("alias-bomb", "more than 20 aliases of lists or mappings (an alias bomb? this project's limit): alias 21, *l2,"
                    + " is here (the first is on line 6)", "stack.yaml", 8, 12, dir -> {
                Path def = copyValid(dir);
                StringBuilder b = new StringBuilder(Files.readString(def).replace("values:\n", "values:\n" + bomb()));
                Files.writeString(def, b);
                return def;
            }),
            g("deep-nesting-flow-lists", "nest deeper than 200 levels (this project's limit): level 201 starts here",
                    "stack.yaml", 5, 207, dir -> {
                Path def = copyValid(dir);
                Files.writeString(def, Files.readString(def).replace("values:\n", "values:\n  deep: " + "[".repeat(10_000)
                        + "]".repeat(10_000) + "\n"));
                return def;
            }),
            g("deep-nesting-flow-maps", "nest deeper than 200 levels", "stack.yaml", 5, 801, dir -> {
                Path def = copyValid(dir);
                Files.writeString(def, Files.readString(def).replace("values:\n", "values:\n  deep: " + "{a: ".repeat(10_000)
                        + "x" + "}".repeat(10_000) + "\n"));
                return def;
            }),
            g("deep-nesting-block", "nest deeper than 200 levels", "stack.yaml", 204, 202, dir -> {
                Path def = copyValid(dir);
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 1_000; i++) {
                    b.append(" ".repeat(i + 2)).append("a:\n");
                }
                b.append(" ".repeat(1_002)).append("x: y\n");
                Files.writeString(def, Files.readString(def).replace("values:\n", "values:\n" + b));
                return def;
            }),
            g("definition-is-directory", "stack.yaml is a folder, not a file", "stack.yaml", 0, 0,
                    dir -> Files.createDirectories(dir.resolve("stack.yaml"))),
            g("definition-missing", "file not found: stack.yaml", "stack.yaml", 0, 0, dir -> dir.resolve("stack.yaml")),
            g("source-fifo", "'files/motd.txt' is not a regular file", "stack.yaml", 63, 25, dir -> {
                Path def = copyValid(dir);
                Path fifo = def.resolveSibling("files/motd.txt");
                Files.delete(fifo);
                Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
                try {
                    assertEquals(0, p.waitFor(), "mkfifo");
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return def;
            }));

    private static final Map<String, String> OBSERVED = new TreeMap<>();

    static Stream<Case> cases() {
        return Stream.concat(IN_GIT.stream(), GENERATED.stream());
    }

    @Test
    void theCatalogueHasEveryCaseFolderAndEnoughCases() throws IOException {
        List<String> folders;
        try (Stream<Path> s = Files.list(CASES)) {
            folders = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("valid")).sorted().toList();
        }
        assertEquals(folders, IN_GIT.stream().map(Case::name).sorted().toList(), "one table row per case folder");
        assertTrue(IN_GIT.size() + GENERATED.size() >= 40, "at least 40 cases");
    }

    @Test
    void theStackAllCasesBreakIsValidAndBuilds(@TempDir Path project) {
        StackDefinition.Loaded loaded = StackDefinition.load(CASES.resolve("valid/stack.yaml"), "stack.yaml");
        assertEquals(List.of(), loaded.warnings());
        Path out = project.resolve("target/cluster-stacks");
        assertEquals(2, ReleaseBuilder.build(loaded.stack(), ReleaseBuilder.Options.of(VersionMode.STABLE, out)).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsCleanlyWithALocatedError(Case c, @TempDir Path project) throws IOException {
        Path definition = c.generator() == null ? CASES.resolve(c.name()).resolve("stack.yaml") : c.generator().write(project.resolve("src"));
        Path out = project.resolve("target/cluster-stacks");
        long start = System.nanoTime();
        StackException e = assertTimeoutPreemptively(Duration.ofSeconds(SECONDS), () -> build(definition, out),
                () -> c.name() + ": no result within " + SECONDS + " s");
        long millis = (System.nanoTime() - start) / 1_000_000;

        boolean wholeFile = c.line() == 0;
        List<String> unfit = new ArrayList<>(Hardening.unfit(e, true));
        if (wholeFile) { // a problem of the whole file may have no line, but must name the file
            unfit.removeIf(u -> u.startsWith("no location") && e.getMessage().contains(c.file()));
        }
        assertEquals(List.of(), unfit, e.getMessage());
        Problem match = e.problems().stream().filter(p -> p.message().contains(c.fragment()) || p.toString().contains(c.fragment()))
                .findFirst().orElse(null);
        if (match == null) {
            fail("expected '" + c.fragment() + "' among:\n" + e.getMessage());
        }
        if (!wholeFile) {
            assertTrue(match.location() != null && match.location().file().equals(c.file()) && match.location().line() == c.line()
                            && (c.column() == 0 || match.location().column() == c.column()),
                    "expected at " + c.file() + ":" + c.line() + (c.column() > 0 ? ":" + c.column() : "") + ", was " + match);
        } else {
            assertTrue(match.location() == null ? match.message().contains(c.file()) : match.location().file().equals(c.file()),
                    "expected the file " + c.file() + " to be named: " + match);
        }
        assertEquals(List.of(), Hardening.contents(out), "nothing may be written under " + out);
        if (c.name().endsWith("100mb")) {
            assertTrue(millis < 2_000, "refused by its size, without reading it: " + millis + " ms");
        }
        synchronized (OBSERVED) {
            OBSERVED.put(c.name(), "| " + c.name() + " | " + (match.location() == null ? c.file() : match.location()) + " | "
                    + match.message().replace("|", "\\|") + " |");
        }
    }

    /** The build path of the plugin: load, then write releases. Returns the failure; any other outcome fails. */
    private static StackException build(Path definition, Path out) {
        try {
            StackDefinition.Loaded loaded = StackDefinition.load(definition, definition.getFileName().toString());
            ReleaseBuilder.build(loaded.stack(), ReleaseBuilder.Options.of(VersionMode.STABLE, out));
        } catch (StackException e) {
            return e;
        } catch (Throwable t) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            fail("expected a StackException, got " + trace);
        }
        fail("the broken stack was built");
        return null;
    }

    @AfterAll
    static void writeTable() throws IOException {
        Path dir = Files.createDirectories(Path.of("target/hardening"));
        StringBuilder b = new StringBuilder("| case | location | message |\n|---|---|---|\n");
        OBSERVED.values().forEach(r -> b.append(r).append('\n'));
        Files.writeString(dir.resolve("catalogue.md"), b);
    }

    static Path copyValid(Path dir) {
        Hardening.copyTree(CASES.resolve("valid"), dir);
        return dir.resolve("stack.yaml");
    }

    /** Billion laughs: each level a list of ten aliases of the level before. */
    static String bomb() {
        StringBuilder b = new StringBuilder("  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            b.append("  l").append(i).append(": &l").append(i).append(" [");
            for (int k = 0; k < 10; k++) {
                b.append(k == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            b.append("]\n");
        }
        return b.toString();
    }

    @Test
    void theSizeLimitIsWhatTheCataloguesAssume() {
        assertEquals(8L * 1024 * 1024, YamlSource.MAX_FILE_BYTES);
    }
}
