package dev.clusterstack.core.definition;

import dev.clusterstack.core.bind.Binder;
import dev.clusterstack.core.bind.Node;
import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.feature.Features;
import dev.clusterstack.core.model.AddonLayout;
import dev.clusterstack.core.model.ClusterApiVersion;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.CompatibilitySettings;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.KubernetesVersion;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.model.Templates;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.infra.OrcImage;
import dev.clusterstack.core.validate.OrcImageRules;
import dev.clusterstack.core.problem.Location;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.validate.StackValidator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a stack definition ({@code stack.yaml} and the text files it names) into a validated
 * {@link ClusterStack}: one fully resolved {@link StackContent} per Kubernetes version. String
 * values and the stack's text files named {@code *.ftl} are FreeMarker templates in square-bracket
 * syntax evaluated per version with {@code kubernetes}, {@code stack}, {@code nodeImage} and
 * {@code values}; every other text file is taken byte for byte. Every problem is reported at once
 * with file, line and column.
 */
public final class StackDefinition {
    /** The default definition file of a stack project, relative to the project folder. */
    public static final String DEFAULT_FILE = "src/main/clusterstack/stack.yaml";
    /** The suffix of a stack text file that is a FreeMarker template; every other file is copied as it is. */
    public static final String TEMPLATE_SUFFIX = ".ftl";

    private final Path file;
    private final String displayName;
    private final Set<Path> inputs = new LinkedHashSet<>();
    private final StackTextFiles files;
    private final DefinitionInterpolation interpolation;
    private final List<Problem> headerUnknown = new ArrayList<>();

    private StackDefinition(Path file, String displayName) {
        this.file = file.toAbsolutePath().normalize();
        this.displayName = displayName;
        Interpolator interpolator = new Interpolator();
        this.files = new StackTextFiles(this.file.getParent(), displayName, interpolator, inputs);
        this.interpolation = new DefinitionInterpolation(interpolator, displayName, files);
    }

    /** Result of loading: the stack, warnings, and every file that went into it (for up-to-date checks). */
    public record Loaded(ClusterStack stack, List<Problem> warnings, List<Path> inputs) {
    }

    /** Loads and validates; throws {@link StackException} with all errors. Paths in messages are shown as given. */
    public static Loaded load(Path file) {
        return load(file, file.toString());
    }

    /** As {@link #load(Path)}, naming the file {@code displayName} in messages (e.g. relative to the project). */
    public static Loaded load(Path file, String displayName) {
        return new StackDefinition(file, displayName).load();
    }

    private Loaded load() {
        inputs.add(file);
        String text = YamlSource.readText(file, displayName);
        // a key given twice (an argument name of the map form among them) is reported with every other problem
        List<Problem> duplicateKeys = new ArrayList<>();
        Node root = YamlSource.parse(text, displayName, duplicateKeys);
        Map<String, Location> index = PathIndex.build(root);

        Binder headerBinder = new Binder();
        DefinitionFile.Header header = bindHeader(root, headerBinder);
        List<Problem> problems = new ArrayList<>(duplicateKeys);
        problems.addAll(headerBinder.problems());
        problems.addAll(headerUnknown);
        if (header == null) {
            throw new StackException(problems);
        }
        List<DefinitionFile.VersionEntry> versions = header.kubernetesVersions() == null ? List.of() : header.kubernetesVersions();
        if (versions.isEmpty() && problems.stream().noneMatch(p -> p.path().startsWith("kubernetesVersions"))) {
            problems.add(Problem.error("kubernetesVersions", "at least one Kubernetes version is required")
                    .at(index.getOrDefault("kubernetesVersions", root.location())));
        }
        List<KubernetesRelease> releases = new ArrayList<>();
        Map<Problem, Set<String>> perVersion = new LinkedHashMap<>();
        int validVersions = 0;
        for (int i = 0; i < versions.size(); i++) {
            DefinitionFile.VersionEntry v = versions.get(i);
            String vPath = "kubernetesVersions[" + i + "].version";
            if (v == null || v.version() == null || !KubernetesVersion.isValid(v.version())) {
                problems.add(Problem.error(vPath, "'" + (v == null ? null : v.version())
                        + "' is not a full Kubernetes version such as 1.32.5")
                        .at(PathIndex.locate(index, vPath, root.location())));
                continue;
            }
            validVersions++;
            KubernetesVersion kv = KubernetesVersion.parse(v.version());
            Map<String, Object> values = merge(header.values(), v.values());
            Map<String, Object> data = dataModel(header, kv, v.nodeImage(), values);
            List<Problem> found = new ArrayList<>();
            KubernetesRelease release = resolve(root, index, data, kv, i, v.nodeImage(), values, found);
            if (release != null) {
                releases.add(release);
            }
            for (Problem p : found) {
                perVersion.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(kv.toString());
            }
        }
        List<Problem> compatProblems = new ArrayList<>();
        ClusterStack stack = new ClusterStack(header.provider(), header.name(), releases,
                compatibility(root, index, compatProblems));
        if (problems.stream().noneMatch(Problem::isError) && perVersion.keySet().stream().noneMatch(Problem::isError)) {
            boolean valuesFromFile = root instanceof Node.MapNode m && m.entries().containsKey("addonValuesFile");
            for (Problem p : StackValidator.validate(stack)) {
                if (valuesFromFile && p.path().equals("addonValues")) {
                    // the text came from addonValuesFile: name that field, where it stands
                    p = new Problem(p.severity(), p.location(), "addonValuesFile",
                            p.message().replace("uses addonValues;", "uses addonValuesFile;"), p.kubernetesVersion());
                }
                Problem located = p.location() == null ? p.at(PathIndex.locate(index, p.path(), root.location())) : p;
                perVersion.computeIfAbsent(located.forVersion(null), k -> new LinkedHashSet<>())
                        .add(p.kubernetesVersion() == null ? "*" : p.kubernetesVersion());
            }
        }
        for (Map.Entry<Problem, Set<String>> e : perVersion.entrySet()) {
            Set<String> vs = e.getValue();
            boolean all = vs.contains("*") || vs.size() == validVersions;
            if (all && problems.contains(e.getKey())) {
                continue; // found already while reading the header (provider, name, values, kubernetesVersions)
            }
            problems.add(all ? e.getKey() : e.getKey().forVersion(String.join(", ", vs)));
        }
        problems.addAll(compatProblems);
        // the header is bound twice (before and with interpolation): report each problem once
        problems = new ArrayList<>(new LinkedHashSet<>(problems));
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            throw new StackException(problems);
        }
        return new Loaded(stack, problems, List.copyOf(inputs));
    }

    private DefinitionFile.Header bindHeader(Node root, Binder binder) {
        if (!(root instanceof Node.MapNode m)) {
            throw new StackException(List.of(Problem.error("", "the stack definition must be a mapping, found "
                    + Node.describe(root)).at(root.location())));
        }
        // unknown top-level fields are reported here too: without a valid version the full binding never runs
        List<String> known = java.util.Arrays.stream(DefinitionFile.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).toList();
        List<Problem> unknown = new ArrayList<>();
        for (String key : m.entries().keySet()) {
            if (!known.contains(key)) {
                String hint = dev.clusterstack.core.bind.Suggest.closest(key, known);
                unknown.add(Problem.error(Paths.child("", key), "unknown field '" + key + "'" + (hint != null
                        ? ", did you mean '" + hint + "'?" : "; known fields: " + String.join(", ", known)))
                        .at(m.keyLocations().get(key)));
            }
        }
        Map<String, Node> picked = new LinkedHashMap<>();
        for (String key : List.of("provider", "name", "values", "kubernetesVersions")) {
            if (m.entries().containsKey(key)) {
                picked.put(key, m.entries().get(key));
            }
        }
        DefinitionFile.Header header = binder.bind(new Node.MapNode(picked, m.keyLocations(), m.location()),
                DefinitionFile.Header.class, "");
        headerUnknown.addAll(unknown);
        return header;
    }

    /** The {@code compatibility:} section (one for the stack, not per version), every mistake located. */
    private static CompatibilitySettings compatibility(Node root, Map<String, Location> index, List<Problem> problems) {
        Node section = root instanceof Node.MapNode m ? m.entries().get("compatibility") : null;
        if (section == null) {
            return CompatibilitySettings.strict();
        }
        List<Problem> found = new ArrayList<>();
        CompatibilitySettings settings = CompatibilitySection.read(Node.toPlain(section), "compatibility", found);
        for (Problem p : found) {
            problems.add(p.at(PathIndex.locate(index, p.path(), root.location())));
        }
        return settings;
    }

    private static Map<String, Object> merge(Map<String, Object> defaults, Map<String, Object> own) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (defaults != null) {
            out.putAll(defaults);
        }
        if (own != null) {
            out.putAll(own);
        }
        return out;
    }

    private static Map<String, Object> dataModel(DefinitionFile.Header header, KubernetesVersion kv, String nodeImage,
                                                 Map<String, Object> values) {
        Map<String, Object> kubernetes = new LinkedHashMap<>();
        kubernetes.put("version", kv.toString());
        kubernetes.put("tag", kv.tag());
        kubernetes.put("major", kv.major());
        kubernetes.put("minor", kv.minor());
        kubernetes.put("patch", kv.patch());
        kubernetes.put("minorDash", kv.minorDash());
        kubernetes.put("minorDot", kv.minorDot());
        Map<String, Object> stack = new LinkedHashMap<>();
        stack.put("provider", String.valueOf(header.provider()));
        stack.put("name", String.valueOf(header.name()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kubernetes", kubernetes);
        data.put("stack", stack);
        data.put("nodeImage", nodeImage == null ? "" : nodeImage);
        data.put("values", values);
        return data;
    }

    private KubernetesRelease resolve(Node root, Map<String, Location> index, Map<String, Object> data,
                                      KubernetesVersion kv, int versionIndex, String nodeImage,
                                      Map<String, Object> values, List<Problem> problems) {
        Node interpolated = interpolation.interpolate(root, "", data, problems, false);
        Binder binder = new Binder().polymorphic(Template.class, "kind", "apiVersion", Templates::typeFor);
        DefinitionFile def = binder.bind(interpolated, DefinitionFile.class, "");
        problems.addAll(binder.problems());
        if (def == null || problems.stream().anyMatch(Problem::isError)) {
            return null;
        }
        String addonValues = def.addonValues();
        if (def.addonValuesFile() != null) {
            addonValues = files.read(def.addonValuesFile(), "addonValuesFile", data, problems,
                    PathIndex.locate(index, "addonValuesFile", root.location()));
        }
        List<Addon> addons = new ArrayList<>();
        List<DefinitionFile.AddonEntry> entries = def.addons() == null ? List.of() : def.addons();
        for (int i = 0; i < entries.size(); i++) {
            DefinitionFile.AddonEntry a = entries.get(i);
            if (a == null) {
                addons.add(null); // keeps the indices of the file; validation reports the empty entry
                continue;
            }
            String path = "addons[" + i + "]";
            Map<String, Object> addonValuesMap = a.values();
            String valuesYaml = null;
            if (a.valuesFile() != null) {
                valuesYaml = files.read(a.valuesFile(), path + ".valuesFile", data, problems,
                        PathIndex.locate(index, path + ".valuesFile", root.location()));
                if (valuesYaml != null) {
                    addonValuesMap = parseValues(valuesYaml, files.shown(a.valuesFile()), problems);
                }
            }
            String overwrite = a.overwrite();
            if (a.overwriteFile() != null) {
                overwrite = files.read(a.overwriteFile(), path + ".overwriteFile", data, problems,
                        PathIndex.locate(index, path + ".overwriteFile", root.location()));
            }
            addons.add(new Addon(a.name(), a.chartName(), a.description(), a.chart(), addonValuesMap, valuesYaml, overwrite,
                    a.stages()));
        }
        AddonLayout layout = AddonLayout.STAGED;
        if (def.addonLayout() != null) {
            layout = AddonLayout.of(def.addonLayout()).orElse(null);
            if (layout == null) {
                problems.add(Problem.error("addonLayout", "'" + def.addonLayout() + "' is not one of " + AddonLayout.ids())
                        .at(PathIndex.locate(index, "addonLayout", root.location())));
                layout = AddonLayout.STAGED;
            }
        }
        OrcImage orcImage = orcImage(def, versionIndex, index, root, problems);
        ClusterApiVersion clusterApi = clusterApi(def, versionIndex, index, root, problems);
        StackContent content = new StackContent(def.description(), def.clusterClass(), def.templates(), addons,
                layout, addonValues, def.nodeImages(), orcImage);
        if (def.features() != null && !def.features().isEmpty()) {
            try {
                content = Features.apply(content, def.features(), values);
            } catch (StackException e) {
                for (Problem p : e.problems()) {
                    problems.add(p.location() == null ? p.at(PathIndex.locate(index, p.path(), root.location())) : p);
                }
                return null;
            }
        }
        return new KubernetesRelease(kv, nodeImage, values, content, clusterApi);
    }

    /** This version's Cluster API version: its own {@code clusterApi}, else the stack's, else the default. */
    private static ClusterApiVersion clusterApi(DefinitionFile def, int versionIndex, Map<String, Location> index, Node root,
                                                List<Problem> problems) {
        DefinitionFile.VersionEntry own = def.kubernetesVersions() != null && versionIndex < def.kubernetesVersions().size()
                ? def.kubernetesVersions().get(versionIndex) : null;
        String path = own != null && own.clusterApi() != null ? "kubernetesVersions[" + versionIndex + "].clusterApi" : "clusterApi";
        String id = own != null && own.clusterApi() != null ? own.clusterApi() : def.clusterApi();
        if (id == null) {
            return ClusterApiVersion.DEFAULT;
        }
        return ClusterApiVersion.of(id).orElseGet(() -> {
            problems.add(Problem.error(path, "'" + id + "' is not a Cluster API version this project writes; one of "
                    + ClusterApiVersion.ids()).at(PathIndex.locate(index, path, root.location())));
            return ClusterApiVersion.DEFAULT;
        });
    }

    /** This version's ORC image: {@code orcImage} with the version's download URL and sha256. */
    private static OrcImage orcImage(DefinitionFile def, int versionIndex, Map<String, Location> index, Node root,
                                     List<Problem> problems) {
        DefinitionFile.VersionEntry own = def.kubernetesVersions() != null && versionIndex < def.kubernetesVersions().size()
                ? def.kubernetesVersions().get(versionIndex) : null;
        DefinitionFile.ImageDownload download = own == null ? null : own.image();
        String path = "kubernetesVersions[" + versionIndex + "].image";
        if (def.orcImage() == null) {
            if (download != null) {
                problems.add(Problem.error(path, "an image download needs an 'orcImage' section: the Image it belongs to")
                        .at(PathIndex.locate(index, path, root.location())));
            }
            return null;
        }
        String sha256 = download == null ? null : download.sha256();
        if (sha256 != null && !OrcImageRules.isSha256(sha256)) {
            problems.add(Problem.error(path + ".sha256", OrcImageRules.sha256Message(sha256))
                    .at(PathIndex.locate(index, path + ".sha256", root.location())));
        }
        DefinitionFile.OrcImageEntry o = def.orcImage();
        String url = download != null && download.url() != null ? download.url() : o.url();
        return new OrcImage(o.name(), o.placement(), url, sha256, o.spec());
    }

    private Map<String, Object> parseValues(String text, String name, List<Problem> problems) {
        try {
            Node node = YamlSource.parse(text, name);
            Object plain = Node.toPlain(node);
            if (plain instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) map;
                return m;
            }
            problems.add(Problem.error("", "a values file must hold a mapping").at(node.location()));
        } catch (StackException e) {
            problems.addAll(e.problems());
        }
        return null;
    }
}
