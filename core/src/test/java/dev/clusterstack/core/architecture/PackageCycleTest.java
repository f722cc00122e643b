package dev.clusterstack.core.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The core's packages depend on each other without cycles (read from the sources' imports and qualified names). */
class PackageCycleTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.clusterstack\\.core(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher pkg = PACKAGE.matcher(code);
                assertTrue(pkg.find(), f.toString());
                Set<String> out = deps.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
                Matcher ref = REFERENCE.matcher(code);
                while (ref.find()) {
                    if (!ref.group(1).equals(pkg.group(1))) {
                        out.add(ref.group(1));
                    }
                }
            }
        }
        return deps;
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        assertTrue(deps.size() >= 10, "the scan found the packages: " + deps.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : deps.keySet()) {
            Deque<List<String>> queue = new ArrayDeque<>();
            queue.add(List.of(start));
            Set<String> seen = new TreeSet<>();
            while (!queue.isEmpty()) {
                List<String> path = queue.poll();
                for (String next : deps.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    if (next.equals(start)) {
                        List<String> cycle = new ArrayList<>(path);
                        cycle.add(start);
                        cycles.add(String.join(" -> ", cycle));
                    } else if (seen.add(next)) {
                        List<String> longer = new ArrayList<>(path);
                        longer.add(next);
                        queue.add(longer);
                    }
                }
            }
        }
        assertEquals(List.of(), cycles);
    }

    /** The contract's names ({@code contract}, a leaf) are the one exception: the model names its releases with them. */
    @Test
    void theContractIsALeaf() throws IOException {
        assertEquals(Set.of(), dependencies().getOrDefault("dev.clusterstack.core.contract", Set.of()));
    }

    @Test
    void theModelKnowsNothingOfRenderingValidationOrReleases() throws IOException {
        for (Map.Entry<String, Set<String>> e : dependencies().entrySet()) {
            if (e.getKey().startsWith("dev.clusterstack.core.model")) {
                for (String d : e.getValue()) {
                    assertTrue(d.startsWith("dev.clusterstack.core.model") || d.equals("dev.clusterstack.core.bind")
                                    || d.equals("dev.clusterstack.core.contract"),
                            e.getKey() + " depends on " + d);
                }
            }
        }
    }
}
