package dev.clusterstack.core.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clusterstack.core.model.KubernetesVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stack folder in csctl's layout, as read: {@code csctl.yaml}, the Kubernetes versions
 * ({@code versions.yaml} or the one of {@code csctl.yaml}), the cluster-class chart and the addon charts of
 * {@code cluster-addon/} with {@code clusteraddon.yaml}, or one umbrella addon chart with
 * {@code cluster-addon-values.yaml}. The layout before csctl ({@code providers/<provider>/<name>/<maj>-<min>/} with
 * a hand-written {@code metadata.yaml}) is read too. Mistakes are collected with the file they are in.
 */
final class CsctlStack {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern VALUES_REF = Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");
    private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern LOOKUP = Pattern.compile("(^|[\\s(])lookup\\s");

    final Path folder;
    final String provider;
    final String name;
    final KubernetesVersion baseVersion;
    /** Each entry of {@code versions.yaml} ({@code kubernetes} plus component versions), or the base version alone. */
    final List<Map<String, Object>> versions;
    final boolean versionsFile;
    final Path clusterClass;
    final Path addonFolder;
    /** Addon folders of the staged layout, in {@code clusteraddon.yaml} order then by name. */
    final List<Path> addons;
    final Map<String, Object> clusterAddonConfig;
    /** One umbrella addon chart in {@code cluster-addon/} with {@code cluster-addon-values.yaml} (the legacy layout). */
    final boolean umbrella;

    private CsctlStack(Path folder, String provider, String name, KubernetesVersion baseVersion,
                       List<Map<String, Object>> versions, boolean versionsFile, List<Path> addons,
                       Map<String, Object> clusterAddonConfig, boolean umbrella) {
        this.umbrella = umbrella;
        this.folder = folder;
        this.provider = provider;
        this.name = name;
        this.baseVersion = baseVersion;
        this.versions = versions;
        this.versionsFile = versionsFile;
        this.clusterClass = folder.resolve("cluster-class");
        this.addonFolder = folder.resolve("cluster-addon");
        this.addons = addons;
        this.clusterAddonConfig = clusterAddonConfig;
    }

    /** Reads the folder; throws {@link ImportException} with every problem found. */
    static CsctlStack read(Path folder) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            throw new ImportException(folder + ": there is no such folder");
        }
        Path csctl = folder.resolve("csctl.yaml");
        Path metadata = folder.resolve("metadata.yaml");
        String name;
        String provider;
        String kube;
        String source;
        if (Files.isRegularFile(csctl)) {
            Map<String, Object> config = map(readYaml(csctl, problems).get("config"));
            name = string(config.get("clusterStackName"));
            provider = string(map(config.get("provider")).get("type"));
            kube = string(config.get("kubernetesVersion"));
            source = csctl + ": config.";
        } else if (Files.isRegularFile(metadata) && folder.toAbsolutePath().getNameCount() >= 3) {
            // the layout before csctl: providers/<provider>/<name>/<maj>-<min>/ with a hand-written metadata.yaml
            Path abs = folder.toAbsolutePath().normalize();
            name = abs.getParent().getFileName().toString();
            provider = abs.getParent().getParent().getFileName().toString();
            kube = string(map(readYaml(metadata, problems).get("versions")).get("kubernetes"));
            source = metadata + ": versions.";
        } else {
            throw new ImportException(folder + ": not a csctl cluster stack folder: it has no csctl.yaml (nor the"
                    + " metadata.yaml of the layout before csctl)");
        }
        if (name == null) {
            problems.add(source + "clusterStackName is missing");
        }
        if (provider == null) {
            problems.add(source + "provider.type is missing");
        }
        KubernetesVersion base = null;
        if (kube == null || !KubernetesVersion.isValid(kube.startsWith("v") ? kube.substring(1) : kube)) {
            problems.add(source + "kubernetesVersion '" + kube + "' is not a full Kubernetes version such as v1.32.5");
        } else {
            base = KubernetesVersion.parse(kube.startsWith("v") ? kube.substring(1) : kube);
        }
        if (!Files.isRegularFile(folder.resolve("cluster-class/Chart.yaml"))) {
            problems.add(folder.resolve("cluster-class") + ": not a Helm chart: there is no Chart.yaml");
        }
        List<Map<String, Object>> versions = new ArrayList<>();
        Path versionsYaml = folder.resolve("versions.yaml");
        boolean versionsFile = Files.isRegularFile(versionsYaml);
        if (versionsFile) {
            Object list = readAny(versionsYaml, problems);
            if (!(list instanceof List<?> l)) {
                problems.add(versionsYaml + ": must be a list of entries with 'kubernetes: <version>'");
            } else {
                for (int i = 0; i < l.size(); i++) {
                    Map<String, Object> entry = map(l.get(i));
                    String k = string(entry.get("kubernetes"));
                    if (k == null || !KubernetesVersion.isValid(k)) {
                        problems.add(versionsYaml + ": [" + i + "].kubernetes '" + k + "' is not a full Kubernetes version such as 1.32.5");
                    } else {
                        versions.add(entry);
                    }
                }
            }
        } else if (base != null) {
            Map<String, Object> only = new LinkedHashMap<>();
            only.put("kubernetes", base.toString());
            versions.add(only);
        }
        Path addonConfigFile = folder.resolve("clusteraddon.yaml");
        Map<String, Object> addonConfig = Files.isRegularFile(addonConfigFile) ? readYaml(addonConfigFile, problems) : Map.of();
        List<Path> addons = new ArrayList<>();
        Path addonFolder = folder.resolve("cluster-addon");
        boolean umbrella = Files.isRegularFile(addonFolder.resolve("Chart.yaml"));
        if (!umbrella && Files.isDirectory(addonFolder)) {
            try (Stream<Path> list = Files.list(addonFolder)) {
                list.filter(p -> Files.isRegularFile(p.resolve("Chart.yaml"))).sorted().forEach(addons::add);
            } catch (IOException e) {
                problems.add(addonFolder + ": cannot list: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
        return new CsctlStack(folder, provider, name, base, versions, versionsFile, addons, addonConfig, umbrella);
    }

    /**
     * The manifests of the cluster-class chart that Helm cannot render as the operator does: a {@code lookup} (the
     * operator renders without a cluster), a {@code .Values} path that {@code values.yaml} does not set.
     */
    List<String> unrenderable() {
        List<String> problems = new ArrayList<>();
        Path templates = clusterClass.resolve("templates");
        Map<String, Object> values = Files.isRegularFile(clusterClass.resolve("values.yaml"))
                ? readYaml(clusterClass.resolve("values.yaml"), problems) : Map.of();
        List<Path> files;
        try (Stream<Path> s = Files.isDirectory(templates) ? Files.walk(templates) : Stream.empty()) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return List.of(templates + ": cannot list: " + e.getMessage());
        }
        for (Path f : files) {
            String text = text(f, problems);
            if (text == null) {
                continue;
            }
            // a value tested by if/with in the file is optional there: its uses sit inside the guard
            Set<String> guarded = new HashSet<>();
            Matcher guard = ACTION.matcher(text);
            while (guard.find()) {
                String body = guard.group(1).replaceFirst("^-?\\s*", "");
                if (body.startsWith("if ") || body.startsWith("with ") || body.startsWith("else if ")
                        || body.contains("default ") || body.contains("hasKey ")) {
                    Matcher ref = VALUES_REF.matcher(body);
                    while (ref.find()) {
                        guarded.add(ref.group(1));
                    }
                }
            }
            Matcher action = ACTION.matcher(text);
            while (action.find()) {
                String body = action.group(1);
                if (body.trim().startsWith("/*")) {
                    continue;
                }
                int line = lineOf(text, action.start());
                if (LOOKUP.matcher(" " + body.trim() + " ").find()) {
                    problems.add(folder.relativize(f) + ":" + line + ": calls 'lookup': the operator renders the"
                            + " chart without a cluster, so it always gets an empty result; replace it before importing");
                }
                boolean helper = f.getFileName().toString().startsWith("_");
                Matcher ref = VALUES_REF.matcher(body);
                while (!helper && ref.find()) {
                    if (!guarded.contains(ref.group(1)) && !resolves(values, ref.group(1).substring(1).split("\\."))) {
                        problems.add(folder.relativize(f) + ":" + line + ": needs .Values" + ref.group(1)
                                + ", which cluster-class/values.yaml does not set (the operator passes no values)");
                    }
                }
            }
        }
        return problems;
    }

    private static boolean resolves(Object values, String[] path) {
        Object at = values;
        for (String key : path) {
            if (!(at instanceof Map<?, ?> m)) {
                return true; // a list or scalar further down is indexed by the template, not by name
            }
            if (!m.containsKey(key)) {
                return false;
            }
            at = m.get(key);
        }
        return true;
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static String text(Path file, List<String> problems) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e.getMessage());
            return null;
        }
    }

    static Object readAny(Path file, List<String> problems) {
        String text = text(file, problems);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            return null;
        }
        try {
            return YAML.readValue(text, Object.class);
        } catch (IOException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    static Map<String, Object> readYaml(Path file, List<String> problems) {
        Object o = readAny(file, problems);
        if (o != null && !(o instanceof Map)) {
            problems.add(file + ": must be a YAML mapping");
        }
        return map(o);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }

    static String string(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
