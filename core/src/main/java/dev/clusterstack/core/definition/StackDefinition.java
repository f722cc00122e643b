package dev.clusterstack.core.definition;

import dev.clusterstack.core.bind.Binder;
import dev.clusterstack.core.bind.Node;
import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.feature.Features;
import dev.clusterstack.core.model.AddonLayout;
import dev.clusterstack.core.model.ClusterStack;
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
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

    private final Path file;
    private final Path baseDir;
    private final String displayName;
    private final Interpolator interpolator = new Interpolator();
    private final Resolver resolver = new Resolver();
    private final Set<Path> inputs = new LinkedHashSet<>();
    /** Stack text files already read in this load: each is read once, then rendered per version. */
    private final Map<Path, String> texts = new HashMap<>();
    private final List<Problem> headerUnknown = new ArrayList<>();

    private StackDefinition(Path file, String displayName) {
        this.file = file.toAbsolutePath().normalize();
        this.baseDir = this.file.getParent();
        this.displayName = displayName;
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
        Node root = YamlSource.parse(text, displayName);
        Map<String, Location> index = PathIndex.build(root);

        Binder headerBinder = new Binder();
        DefinitionFile.Header header = bindHeader(root, headerBinder);
        List<Problem> problems = new ArrayList<>(headerBinder.problems());
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
        ClusterStack stack = new ClusterStack(header.provider(), header.name(), releases);
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
        Node interpolated = interpolate(root, "", data, problems, false);
        Binder binder = new Binder().polymorphic(Template.class, "kind", Templates::typeFor);
        DefinitionFile def = binder.bind(interpolated, DefinitionFile.class, "");
        problems.addAll(binder.problems());
        if (def == null || problems.stream().anyMatch(Problem::isError)) {
            return null;
        }
        String addonValues = def.addonValues();
        if (def.addonValuesFile() != null) {
            addonValues = readStackFile(def.addonValuesFile(), "addonValuesFile", data, problems,
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
                valuesYaml = readStackFile(a.valuesFile(), path + ".valuesFile", data, problems,
                        PathIndex.locate(index, path + ".valuesFile", root.location()));
                if (valuesYaml != null) {
                    addonValuesMap = parseValues(valuesYaml, shown(a.valuesFile()), problems);
                }
            }
            String overwrite = a.overwrite();
            if (a.overwriteFile() != null) {
                overwrite = readStackFile(a.overwriteFile(), path + ".overwriteFile", data, problems,
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
        return new KubernetesRelease(kv, nodeImage, values, content);
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

    /** Evaluates FreeMarker in string scalars and inlines {@code files[].source}. */
    private Node interpolate(Node node, String path, Map<String, Object> data, List<Problem> problems, boolean inFiles) {
        if (node instanceof Node.MapNode m) {
            Map<String, Node> out = new LinkedHashMap<>();
            Map<String, Location> keys = new LinkedHashMap<>(m.keyLocations());
            for (Map.Entry<String, Node> e : m.entries().entrySet()) {
                String childPath = Paths.child(path, e.getKey());
                if (inFiles && e.getKey().equals("source")) {
                    String content = e.getValue() instanceof Node.ScalarNode s
                            ? readStackFile(s.text(), childPath, data, problems, e.getValue().location()) : null;
                    if (!(e.getValue() instanceof Node.ScalarNode)) {
                        problems.add(Problem.error(childPath, "expected a file path relative to the definition, found "
                                + Node.describe(e.getValue())).at(e.getValue().location()));
                    }
                    if (m.entries().containsKey("content")) {
                        problems.add(Problem.error(childPath, "give either 'content' or 'source', not both")
                                .at(m.keyLocations().get("source")));
                    }
                    Node enc = m.entries().get("encoding");
                    String encoding = enc instanceof Node.ScalarNode es ? es.text() : null;
                    if (content != null && encoding != null) {
                        if (encoding.equals(dev.clusterstack.core.model.kubeadm.File.BASE64)
                                || encoding.equals(dev.clusterstack.core.model.kubeadm.File.GZIP_BASE64)) {
                            content = dev.clusterstack.core.model.kubeadm.File.encode(content, encoding);
                        } else {
                            problems.add(Problem.error(Paths.child(path, "encoding"), "a 'source' file is encoded as base64"
                                    + " or gzip+base64, not '" + encoding + "'").at(enc.location()));
                        }
                    }
                    out.put("content", new Node.ScalarNode(content == null ? "" : content, "str", false, e.getValue().location()));
                    keys.put("content", m.keyLocations().get("source"));
                    continue;
                }
                out.put(e.getKey(), interpolate(e.getValue(), childPath, data, problems, e.getKey().equals("files")));
            }
            return new Node.MapNode(out, keys, m.location());
        }
        if (node instanceof Node.ListNode l) {
            List<Node> out = new ArrayList<>(l.items().size());
            for (int i = 0; i < l.items().size(); i++) {
                Node item = l.items().get(i);
                out.add(interpolate(item, path + "[" + i + "]", data, problems, inFiles && item instanceof Node.MapNode));
            }
            return new Node.ListNode(out, l.location());
        }
        Node.ScalarNode s = (Node.ScalarNode) node;
        if (!Interpolator.needsInterpolation(s.text())) {
            return s;
        }
        try {
            String text = interpolator.render(displayName + ":" + s.location().line(), s.text(), data);
            String type = s.type();
            if (isSingleInterpolation(s.text()) && interpolator.isString(s.text(), data)) {
                type = "str"; // a string stays a string, even "null", "~", "true" or "42"
            } else if (s.plain() || isSingleInterpolation(s.text())) {
                Tag tag = resolver.resolve(NodeId.scalar, text, true);
                type = Tag.INT.equals(tag) ? "int" : Tag.FLOAT.equals(tag) ? "float" : Tag.BOOL.equals(tag) ? "bool"
                        : Tag.NULL.equals(tag) ? "null" : "str";
            }
            return new Node.ScalarNode(text, type, s.plain(), s.location());
        } catch (IllegalArgumentException e) {
            problems.add(Problem.error(path, e.getMessage()).at(s.location()));
            return s;
        }
    }

    /**
     * Whether a scalar is exactly one {@code [=...]} interpolation. Such a value (quoted, because YAML
     * cannot start a plain value with {@code [}) takes the YAML type of its result, so
     * {@code enabled: "[=values.loadBalancer]"} becomes a boolean.
     */
    static boolean isSingleInterpolation(String text) {
        return text.startsWith("[=") && text.endsWith("]") && text.indexOf("[=", 2) < 0 && text.indexOf("[#") < 0
                && text.indexOf(']') == text.length() - 1;
    }

    /** The suffix of a stack text file that is a FreeMarker template; every other file is copied as it is. */
    public static final String TEMPLATE_SUFFIX = ".ftl";

    /** A stack file's name in messages: relative to the project when the definition's display name is. */
    private String shown(String relative) {
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
    private String readStackFile(String relative, String path, Map<String, Object> data, List<Problem> problems,
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
            if (!relative.endsWith(TEMPLATE_SUFFIX)) {
                int at = text.indexOf("[=");
                if (at >= 0) {
                    problems.add(Problem.warning(path, "'" + relative + "' is copied as it is, so '[=' here stays text;"
                            + " to evaluate FreeMarker in it, name the file " + relative + TEMPLATE_SUFFIX
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
            String hint = e.bracketTag ? ", or name the file without " + TEMPLATE_SUFFIX + " to copy it as it is" : "";
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
