package dev.clusterstack.core.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The files under {@code crds/} of a chart and its subcharts, as {@code helm template --include-crds} prints them
 * ({@code ---\n# Source: <chart>/crds/<file>\n<content>}), parent chart first. helm-java 0.0.21 has no include-crds
 * option, so HelmRunner reads them itself. Unlike Helm, subchart conditions/tags are not evaluated: the CRDs of every
 * subchart in {@code charts/} are included.
 */
final class ChartCrds {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ChartCrds() {
    }

    static String render(Path chartDirOrTgz) throws IOException {
        Map<String, byte[]> files = Files.isDirectory(chartDirOrTgz) ? readDir(chartDirOrTgz) : readTgz(
                Files.readAllBytes(chartDirOrTgz));
        StringBuilder out = new StringBuilder();
        collect(chartName(files), files, out);
        return out.toString();
    }

    private static void collect(String fullPath, Map<String, byte[]> files, StringBuilder out) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String name = f.getKey();
            if (name.startsWith("crds/") && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))) {
                out.append("---\n# Source: ").append(fullPath).append('/').append(name).append('\n')
                        .append(new String(f.getValue(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        TreeSet<String> subDirs = new TreeSet<>();
        List<byte[]> subArchives = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String name = f.getKey();
            if (!name.startsWith("charts/")) {
                continue;
            }
            String rest = name.substring("charts/".length());
            if (rest.endsWith("/Chart.yaml") && rest.indexOf('/') == rest.length() - "/Chart.yaml".length()) {
                subDirs.add(rest.substring(0, rest.indexOf('/')));
            } else if (rest.endsWith(".tgz") && !rest.contains("/")) {
                subArchives.add(f.getValue());
            }
        }
        List<Map<String, byte[]>> subcharts = new ArrayList<>();
        for (String dir : subDirs) {
            Map<String, byte[]> sub = new TreeMap<>();
            String prefix = "charts/" + dir + "/";
            files.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    sub.put(k.substring(prefix.length()), v);
                }
            });
            subcharts.add(sub);
        }
        for (byte[] archive : subArchives) {
            subcharts.add(readTgz(archive));
        }
        subcharts.sort((a, b) -> chartNameOrEmpty(a).compareTo(chartNameOrEmpty(b)));
        for (Map<String, byte[]> sub : subcharts) {
            collect(fullPath + "/charts/" + chartName(sub), sub, out);
        }
    }

    private static String chartNameOrEmpty(Map<String, byte[]> files) {
        try {
            return chartName(files);
        } catch (IOException e) {
            return "";
        }
    }

    private static String chartName(Map<String, byte[]> files) throws IOException {
        byte[] chartYaml = files.get("Chart.yaml");
        if (chartYaml == null) {
            throw new IOException("no Chart.yaml");
        }
        Object name = YAML.readValue(chartYaml, Map.class).get("name");
        return name == null ? "" : name.toString();
    }

    private static Map<String, byte[]> readDir(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /**
     * Entries of a chart archive, relative to its top folder. JDK gzip on purpose: Helm writes a gzip FEXTRA field that
     * is no valid subfield list, which commons-compress 1.28's GzipCompressorInputStream rejects.
     */
    private static Map<String, byte[]> readTgz(byte[] archive) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (InputStream in = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveInputStream tar = (TarArchiveInputStream) in;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash > 0) {
                    files.put(name.substring(slash + 1), tar.readAllBytes());
                }
            }
        }
        return files;
    }
}
