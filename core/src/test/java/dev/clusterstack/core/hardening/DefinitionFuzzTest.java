package dev.clusterstack.core.hardening;

import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.problem.StackException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutates valid stack definitions (delete a key, duplicate a list item, retype a value, swap two
 * subtrees, rename a key by one character, inject template and quoting characters) and loads each
 * result like a build would. Every case must either load (and, for a sample, build its releases) or
 * fail with a {@link StackException} whose problems each carry a path, a message and a location;
 * never any other exception, never a hang.
 *
 * <p>The seed is fixed so that a run is reproducible; the counts are printed and written to
 * {@code target/hardening/fuzz-report.txt}.
 */
@Tag("fuzz")
class DefinitionFuzzTest {
    /** The seed of the recorded run; change it to explore, keep it fixed in the build. */
    static final String SEED = "20250611";
    /** Cases that load and also run ReleaseBuilder (1 in N): rendering and archiving is the slow part. */
    static final int BUILD_EVERY = 20;
    static final long CASE_TIMEOUT_SECONDS = 10;

    /** The valid definitions mutated: the shipped example, the core test stack, the OpenStack sample. */
    static final Map<String, Path> BASES = new LinkedHashMap<>();

    static {
        BASES.put("example", Path.of("src/main/resources/dev/clusterstack/core/definition/example"));
        BASES.put("docker", Path.of("src/test/resources/stacks/docker"));
        BASES.put("openstack", Path.of("../sample-stack/src/main/clusterstack/openstack"));
    }

    static final List<String> INJECTED = List.of(
            "{{", "}}", "{{ .nope", "{{ end }}", "{{ if .x }}", "[=", "[=nope]", "[=values.missing]", "[#if]", "[#if x]",
            "[/#if]", "[@m/]", "${", "${HOME}", "'", "\"", "\\", "''\"\"", "ü ✓ 😀 \u200b", "\t", "\n\n", "-", "--", "a-b",
            "UPPER", "1.2", "v1.32.5", "1.32", "0x1F", "0o17", "1e400", "-.inf", ".nan", "~", "null", "yes", "on", "*",
            "&a", "!!str", "/etc/passwd", "../../../etc/passwd", "files/../../x", "/spec/template/1", "/spec//x", "/",
            "add", "remove", "bogus", "a\u0000b", "\u0000", "#", ": ", "- x", "[", "]", "{", "}", "%", "@", "`",
            "x".repeat(300));

    private static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-case");
        t.setDaemon(true);
        return t;
    });
    private static final Map<String, Object> PARSED = new LinkedHashMap<>();
    private static final Map<String, Path> FOLDERS = new LinkedHashMap<>();
    private static final AtomicInteger LOADED = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();
    private static final AtomicInteger BUILT = new AtomicInteger();
    private static final AtomicInteger BUILD_FAILED = new AtomicInteger();
    private static final AtomicInteger CASES = new AtomicInteger();
    /** Calls of the property itself, checked against the configured number of tries: the fuzz never quietly checks less. */
    private static final AtomicInteger PROPERTY_CALLS = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicLong LOAD_NANOS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong BUILD_NANOS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong CASE_NANOS = new java.util.concurrent.atomic.AtomicLong();
    private static final Map<String, AtomicInteger> MESSAGES = new TreeMap<>();
    private static final Map<String, String> FOUND = new TreeMap<>();
    private static Path work;

    enum Kind { DELETE_KEY, DUPLICATE_ITEM, RETYPE, SWAP, RENAME_KEY, INJECT }

    /** One mutation; the numbers pick the node(s) and the replacement, modulo what is there. */
    record Mutation(Kind kind, int target, int other, int payload) {
    }

    @BeforeContainer
    static void prepare() throws IOException {
        work = Files.createTempDirectory("clusterstack-fuzz-");
        for (Map.Entry<String, Path> e : BASES.entrySet()) {
            Path folder = work.resolve(e.getKey());
            Hardening.copyTree(e.getValue(), folder);
            FOLDERS.put(e.getKey(), folder);
            PARSED.put(e.getKey(), yaml().load(Files.readString(e.getValue().resolve("stack.yaml"))));
            // the unmutated base must load: otherwise the fuzz test proves nothing
            StackDefinition.load(folder.resolve("stack.yaml"));
        }
    }

    @AfterContainer
    static void report() throws IOException {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        w.printf("seed %s, %d cases: %d loaded, %d failed with StackException; of the loaded, %d built releases"
                + " (%d of them failed with StackException)%n", SEED, CASES.get(), LOADED.get(), FAILED.get(), BUILT.get(),
                BUILD_FAILED.get());
        w.printf("time: %d ms in cases, of which %d ms loading and %d ms building%n", CASE_NANOS.get() / 1_000_000,
                LOAD_NANOS.get() / 1_000_000, BUILD_NANOS.get() / 1_000_000);
        w.println("most frequent first problems (message without quoted values):");
        MESSAGES.entrySet().stream().sorted((a, b) -> b.getValue().get() - a.getValue().get()).limit(25)
                .forEach(e -> w.printf("  %5d  %s%n", e.getValue().get(), e.getKey()));
        FOUND.forEach((k, v) -> w.printf("FOUND %s%n%s%n%n", k, v.length() > 6000 ? v.substring(0, 6000) : v));
        w.flush();
        System.out.println("[hardening fuzz] " + s);
        Path out = Path.of("target/hardening");
        Files.createDirectories(out);
        Files.writeString(out.resolve("fuzz-report.txt"), s.toString());
        if (work != null) {
            Hardening.deleteTree(work);
        }
        String tries = System.getProperty("clusterstack.fuzz.tries");
        if (tries != null && PROPERTY_CALLS.get() > 0) {
            assertEquals(Integer.parseInt(tries.trim()), PROPERTY_CALLS.get(),
                    "the fuzz property ran another number of cases than clusterstack.fuzz.tries asks for");
        }
    }

    /**
     * The number of cases is jqwik's {@code jqwik.tries.default}, which the build sets from the property
     * {@code clusterstack.fuzz.tries}: 10,000 unless given, e.g. {@code -Dclusterstack.fuzz.tries=500} for a quick run.
     */
    @Property(seed = SEED, shrinking = ShrinkingMode.BOUNDED)
    void aMutatedDefinitionLoadsOrFailsWithLocatedProblems(@ForAll("bases") String base,
                                                            @ForAll("mutations") List<Mutation> mutations) throws Exception {
        PROPERTY_CALLS.incrementAndGet();
        long start = System.nanoTime();
        try {
            check(base, mutations);
        } finally {
            CASE_NANOS.addAndGet(System.nanoTime() - start);
        }
    }

    private void check(String base, List<Mutation> mutations) throws Exception {
        Object tree = Trees.copy(PARSED.get(base));
        for (Mutation m : mutations) {
            tree = apply(tree, m);
        }
        String text = yaml().dump(tree);
        int n = CASES.incrementAndGet();
        Path folder = FOLDERS.get(base);
        Path file = folder.resolve("fuzz.yaml");
        Files.writeString(file, text);
        Path out = work.resolve("out-" + n);
        Future<String> f = EXECUTOR.submit(() -> runCase(file, out));
        String outcome;
        try {
            outcome = f.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            if (explore("hang", mutations, base, text)) {
                return;
            }
            fail("no result within " + CASE_TIMEOUT_SECONDS + " s for mutations " + mutations + " of " + base + ":\n" + text);
            return;
        } catch (ExecutionException e) {
            StringWriter trace = new StringWriter();
            e.getCause().printStackTrace(new PrintWriter(trace));
            if (explore(signature(e.getCause()), mutations, base, trace + "\n" + text)) {
                return;
            }
            fail("crash for mutations " + mutations + " of " + base + ":\n" + trace + "\n--- definition ---\n" + text);
            return;
        } finally {
            Hardening.deleteTree(out);
        }
        if (!outcome.isEmpty() && explore(outcome.lines().findFirst().orElse("").replaceAll("'[^']*'", "'…'"),
                mutations, base, outcome + "\n" + text)) {
            return;
        }
        assertTrue(outcome.isEmpty(), () -> outcome + "\nfor mutations " + mutations + " of " + base + ":\n" + text);
    }

    /**
     * With {@code -Dhardening.explore=true} failures are collected by kind instead of stopping the
     * run (to find many bugs in one go); the normal build fails on the first one.
     */
    private static boolean explore(String signature, List<Mutation> mutations, String base, String detail) {
        if (!Boolean.getBoolean("hardening.explore")) {
            return false;
        }
        synchronized (FOUND) {
            FOUND.computeIfAbsent(signature, k -> mutations + " of " + base + ":\n" + detail);
        }
        return true;
    }

    private static String signature(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("dev.clusterstack.core")) {
                return t.getClass().getSimpleName() + " at " + e;
            }
        }
        return t.toString();
    }

    /** Loads (and maybe builds); returns "" when all is well, else what is wrong. Other exceptions propagate. */
    private static String runCase(Path file, Path out) {
        StackDefinition.Loaded loaded;
        long start = System.nanoTime();
        try {
            loaded = StackDefinition.load(file, "stack.yaml");
        } catch (StackException e) {
            FAILED.incrementAndGet();
            count(e);
            List<String> unfit = Hardening.unfit(e, false);
            return unfit.isEmpty() ? "" : String.join("\n", unfit);
        } finally {
            LOAD_NANOS.addAndGet(System.nanoTime() - start);
        }
        if (LOADED.incrementAndGet() % BUILD_EVERY != 0) {
            return "";
        }
        BUILT.incrementAndGet();
        long buildStart = System.nanoTime();
        try {
            ReleaseBuilder.build(loaded.stack(), ReleaseBuilder.Options.of(VersionMode.STABLE, out));
            List<String> written = Hardening.contents(out).stream().filter(p -> p.startsWith(".")).toList();
            return written.isEmpty() ? "" : "hidden files left behind: " + written;
        } catch (StackException e) {
            BUILD_FAILED.incrementAndGet();
            count(e);
            List<String> unfit = new ArrayList<>(Hardening.unfit(e, false));
            unfit.removeIf(u -> u.startsWith("no location")); // validation of a model built in Java has paths only
            return unfit.isEmpty() ? "" : String.join("\n", unfit);
        } finally {
            BUILD_NANOS.addAndGet(System.nanoTime() - buildStart);
        }
    }

    private static void count(StackException e) {
        String key = e.problems().isEmpty() ? "(none)" : e.problems().get(0).message().replaceAll("'[^']*'", "'…'")
                .replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("[0-9]+", "N");
        if (key.length() > 110) {
            key = key.substring(0, 110) + "…";
        }
        synchronized (MESSAGES) {
            MESSAGES.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Provide
    Arbitrary<String> bases() {
        // the OpenStack sample is five times as costly to load as the others: picked less often
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(40, "example"), net.jqwik.api.Tuple.of(45, "docker"),
                net.jqwik.api.Tuple.of(15, "openstack"));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(0, 1 << 20)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    static Object apply(Object root, Mutation m) {
        List<Trees.Slot> slots = Trees.slots(root);
        if (slots.isEmpty()) {
            return root;
        }
        Trees.Slot slot = pick(slots, m.target(), m.kind());
        if (slot == null) {
            return root;
        }
        switch (m.kind()) {
            case DELETE_KEY -> slot.remove();
            case DUPLICATE_ITEM -> slot.duplicate();
            case RETYPE -> slot.set(retyped(slot.get(), m.payload()));
            case SWAP -> {
                Trees.Slot other = slots.get(m.other() % slots.size());
                Object a = Trees.copy(slot.get());
                Object b = Trees.copy(other.get());
                slot.set(b);
                // the other slot may have been inside the replaced subtree: look it up again
                List<Trees.Slot> again = Trees.slots(root);
                again.stream().filter(s -> s.path().equals(other.path())).findFirst().ifPresent(s -> s.set(a));
            }
            case RENAME_KEY -> slot.rename(renamed(String.valueOf(slot.key()), m.payload()));
            case INJECT -> {
                Object v = slot.get();
                String inject = INJECTED.get(m.payload() % INJECTED.size());
                boolean append = (m.other() & 1) == 1;
                slot.set(append && v instanceof String s ? s + inject : inject);
            }
        }
        return root;
    }

    /** A slot of the wanted shape, starting the search at {@code target}. */
    private static Trees.Slot pick(List<Trees.Slot> slots, int target, Kind kind) {
        for (int k = 0; k < slots.size(); k++) {
            Trees.Slot s = slots.get((target + k) % slots.size());
            boolean fits = switch (kind) {
                case DELETE_KEY, RENAME_KEY -> s.inMap();
                case DUPLICATE_ITEM -> !s.inMap();
                case INJECT -> !(s.get() instanceof Map) && !(s.get() instanceof List);
                default -> true;
            };
            if (fits) {
                return s;
            }
        }
        return null;
    }

    static Object retyped(Object v, int payload) {
        return switch (payload % 10) {
            case 0 -> v instanceof String ? 42 : "text";
            case 1 -> v instanceof Number ? "1.32" : 7;
            case 2 -> v instanceof Boolean b ? !b : true;
            case 3 -> null;
            case 4 -> new ArrayList<>(List.of(Trees.copy(v) == null ? "x" : Trees.copy(v)));
            case 5 -> new LinkedHashMap<>(Map.of("key", Trees.copy(v) == null ? "x" : Trees.copy(v)));
            case 6 -> new ArrayList<>();
            case 7 -> new LinkedHashMap<>();
            case 8 -> 3.25;
            default -> String.valueOf(v);
        };
    }

    static String renamed(String key, int payload) {
        int pos = key.isEmpty() ? 0 : (payload >>> 2) % (key.length() + 1);
        char c = (char) ('a' + (payload >>> 8) % 26);
        return switch (payload & 3) {
            case 0 -> key.substring(0, pos) + c + key.substring(pos);                                   // insert
            case 1 -> pos < key.length() ? key.substring(0, pos) + key.substring(pos + 1) : key + c;    // delete
            case 2 -> pos < key.length() ? key.substring(0, pos) + c + key.substring(pos + 1) : c + key; // replace
            default -> pos + 1 < key.length()                                                           // swap two
                    ? key.substring(0, pos) + key.charAt(pos + 1) + key.charAt(pos) + key.substring(pos + 2) : key.toUpperCase();
        };
    }

    static Yaml yaml() {
        LoaderOptions loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(50);
        DumperOptions dumper = new DumperOptions();
        dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumper.setWidth(200);
        dumper.setSplitLines(false);
        return new Yaml(new SafeConstructor(loader), new Representer(dumper), dumper, loader);
    }

    @net.jqwik.api.Example
    void theMutatorChangesTheTree() {
        Object tree = Trees.copy(PARSED.get("docker"));
        Object mutated = apply(Trees.copy(tree), new Mutation(Kind.DELETE_KEY, 0, 0, 0));
        assertTrue(!tree.equals(mutated), "deleting the first key changes the tree");
        assertEquals(tree, Trees.copy(tree), "copies are equal");
    }
}
