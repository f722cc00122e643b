package dev.clusterstack.core.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Chart archives that {@code dependency build/update} downloaded from http(s) or OCI repositories, kept in one
 * folder ({@code <sha256 of the repository URL, 16 hex>/<name>-<version>.tgz}) so that a later build whose remote
 * dependencies all have an exact version (from {@code Chart.lock}, or an exact version in {@code Chart.yaml}) runs
 * without Helm and without the network. Also reads the dependencies of a chart.
 */
final class ChartCache {

    private static final Pattern EXACT_VERSION = Pattern.compile("v?\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]*)?");

    /** A dependency as {@code Chart.yaml} or {@code Chart.lock} lists it. */
    record Dependency(String name, String version, String repository) {
        boolean remote() {
            return repository != null && (repository.startsWith("http://") || repository.startsWith("https://")
                    || repository.startsWith("oci://"));
        }

        boolean local() {
            return repository != null && repository.startsWith("file://");
        }

        String archiveName() {
            return name + "-" + version + ".tgz";
        }

        @Override
        public String toString() {
            return name + " " + version + " from " + repository;
        }
    }

    private final Path folder;

    ChartCache(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    /** The dependencies listed in a {@code Chart.yaml} or {@code Chart.lock}; none if the file does not exist. */
    static List<Dependency> readDependencies(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Map<String, Object> yaml;
        try {
            yaml = HelmSandbox.YAML.readValue(file.toFile(), HelmSandbox.MAP);
        } catch (IOException e) {
            throw new HelmException(file.getParent(), "cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Dependency> result = new ArrayList<>();
        if (yaml != null && yaml.get("dependencies") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    result.add(new Dependency(string(m.get("name")), string(m.get("version")), string(m.get("repository"))));
                }
            }
        }
        return result;
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }

    /**
     * The remote dependencies of {@code declared}, pinned to the exact version of {@code Chart.lock} (or of
     * {@code Chart.yaml}), if every one of them is in the cache; null if one is missing or has no exact version.
     */
    List<Dependency> pinnedRemotes(Path chartDir, List<Dependency> declared) {
        List<Dependency> locked = readDependencies(chartDir.resolve("Chart.lock"));
        List<Dependency> exact = new ArrayList<>();
        for (Dependency d : declared) {
            if (!d.remote()) {
                continue;
            }
            Dependency pinned = locked.stream()
                    .filter(l -> l.name().equals(d.name()) && Objects.equals(l.repository(), d.repository()))
                    .findFirst()
                    .orElse(d.version() != null && EXACT_VERSION.matcher(d.version()).matches() ? d : null);
            if (pinned == null || !Files.isRegularFile(cached(pinned))) {
                return null;
            }
            exact.add(pinned);
        }
        return exact;
    }

    /** Copies the cached archives of {@code pinned} into {@code charts}. */
    void copyInto(List<Dependency> pinned, Path charts) throws IOException {
        for (Dependency d : pinned) {
            Files.copy(cached(d), charts.resolve(d.archiveName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Keeps the remote dependencies of {@code Chart.lock} that Helm put into {@code charts/}. */
    void store(Path chartDir) {
        try {
            for (Dependency d : readDependencies(chartDir.resolve("Chart.lock"))) {
                Path archive = chartDir.resolve("charts").resolve(d.archiveName());
                if (d.remote() && Files.isRegularFile(archive)) {
                    Path target = cached(d);
                    Files.createDirectories(target.getParent());
                    Path tmp = Files.createTempFile(target.getParent(), ".download", ".tmp");
                    Files.copy(archive, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new HelmException(chartDir, "cannot store dependencies in the chart cache " + folder + ": " + e, e);
        }
    }

    private Path cached(Dependency d) {
        return folder.resolve(sha256(d.repository().replaceAll("/+$", "")).substring(0, 16)).resolve(d.archiveName());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
