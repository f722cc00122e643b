package dev.clusterstack.core.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.ControlPlaneClass;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.model.infra.DockerClusterTemplate;
import dev.clusterstack.core.model.kubeadm.File;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.validate.GoTemplates;
import dev.clusterstack.core.validate.StackValidator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Any string a stack holds reaches the objects exactly as given after the operator's
 * {@code helm template <release> <chart> --namespace <ns>}: file contents, kubeadm commands, patch
 * templates and {@code enabledIf} (which Cluster API must evaluate, not Helm), variable descriptions and
 * label values. The stacks are built with the Java API (no FreeMarker), rendered with
 * {@link ClusterClassChart#write}, templated by real Helm in-process (helm-java), and the output is parsed
 * with SnakeYAML. Each try puts {@value #PER_CHART} strings into each of the six positions, so the
 * default run checks {@value #TRIES} x 48 = 24,000 random strings; every tenth chart also passes
 * {@code helm lint --strict}.
 *
 * <p>What the strings contain: Go/Helm braces ({@code {{ }}}, {@code {{-}}, {@code {{ "{{" }}}),
 * backticks, quotes, csctl's {@code << >>}, shell {@code ${}} and {@code $(...)}, line breaks of every
 * kind ({@code \n}, {@code \r\n}, {@code \r}, NEL, LS, PS) including trailing ones and trailing or leading
 * spaces and tabs, emoji, right-to-left and combining characters, YAML's special words and number
 * look-alikes ({@code yes}, {@code ~}, {@code 0x1}, {@code 0o17}, {@code 1e3}, {@code .inf},
 * {@code 1:20}, {@code 2001-12-14}, ...) and indicators ({@code #}, {@code : }, {@code - }, {@code ---},
 * {@code ...}, {@code %}, {@code @}, {@code !}, {@code &}, {@code *}, {@code |}, {@code >}), all C0 and C1
 * control characters, DEL, BOM, U+FFFE/U+FFFF, and any other Unicode scalar value.
 *
 * <p>Left out: lone UTF-16 surrogates (U+D800..U+DFFF on their own). They are not Unicode characters,
 * cannot be stored in a UTF-8 file, and YAML cannot carry them: SnakeYAML escapes a lone low surrogate
 * as {@code \uDC00}, which Helm's YAML parser rejects, and mangles a lone high one. Every other code
 * point, control characters included, is carried (double-quoted with escapes where needed).
 *
 * <p>The template positions ({@code valueFrom.template}, {@code enabledIf}) only take strings
 * {@link GoTemplates#check} accepts, because validation rejects the others: their generator builds
 * valid templates from literal text (any of the above without {@code {{}) and actions (comments,
 * trim markers, strings holding braces, raw strings, if/else/end, range), and filters with
 * {@code GoTemplates.check} as a safety net. A raw string holding template delimiters
 * (<code>{{ `{{ x }}` }}</code>) is left out: in these positions it is the Helm escape a hand-migrated
 * chart leaves behind, which validation refuses.
 */
@Tag("helm")
@Tag("fuzz")
class HelmRoundTripPropertyTest {
    static final int PER_CHART = 8;
    static final int TRIES = 500;
    private static final AtomicInteger CHARTS = new AtomicInteger();

    private static final String[] TOKENS = {
            "{{", "}}", "{{-", "-}}", "{{ ", " }}", "{{ .Release.Name }}", "{{ .Values.x }}", "{{ \"{{\" }}", "{{`", "`}}",
            "{{/*", "*/}}", "{{{", "}}}", "{", "}", "`", "'", "\"", "''", "\"\"", "\\", "\\n", "\\\"",
            "<<", ">>", "<< .ClusterClassVersion >>", "${", "${VAR}", "${HOME:-/root}", "$(", ")", "$(uname -r)", "$$",
            "{{ local_hostname }}", "{{ ds.meta_data.instance_id }}", "{{ .builtin.cluster.name }}",
            "\n", "\n\n", "\r\n", "\r", "\t", " ", "  ", "\u0085", "\u2028", "\u2029", "\u00A0", "\uFEFF",
            "🚀", "👩‍👩‍👧", "\u202Eevil", "\u200F", "שלום", "مرحبا", "e\u0301", "a\u0308\u0323", "中文", "ß", "\u200B",
            "yes", "no", "on", "off", "y", "n", "Yes", "NO", "null", "Null", "~", "true", "False", "TRUE",
            "0", "012", "0x1", "0o17", "0b101", "1e3", "1_000", "+1", "-1", ".5", "1.", ".inf", "-.Inf", ".NaN",
            "1:20", "1:20:30", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "=", "<<:",
            "#", " #", "# comment", ": ", ":", "- ", "-", "---", "...", "--- |", "%", "%YAML 1.2", "@", "!", "!!str", "&a",
            "*a", "|", "|-", ">", ">+", "?", "? ", "[", "]", "[]", "{}", ",", "\"quoted\"", "'single'",
            "\u0000", "\u0001", "\u0007", "\u0008", "\u000B", "\u000C", "\u001B", "\u007F", "\u0080", "\u009F",
            "\uFFFE", "\uFFFF", "\uFFFD", "\uD83D\uDE80",
    };

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(TOKENS)),
                Tuple.of(3, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u00FF').ofMinLength(1).ofMaxLength(3)),
                Tuple.of(1, codePoints()));
        return piece.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    /** Any Unicode scalar value: every code point except the surrogates. */
    private static Arbitrary<String> codePoints() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)
                .map(Character::toString);
    }

    /** A raw string action holding template delimiters (see the class comment): left out of template positions. */
    private static final java.util.regex.Pattern RAW_STRING_WITH_DELIMITERS =
            java.util.regex.Pattern.compile("\\{\\{-?\\s*`[^`]*(\\{\\{|}})[^`]*`\\s*-?}}");

    @Provide
    Arbitrary<String> goTemplates() {
        Arbitrary<String> literal = texts().map(t -> t.replace("{{", "{ {"));
        Arbitrary<String> action = Arbitraries.of(
                "{{ .builtin.cluster.name }}", "{{- .builtin.cluster.namespace -}}", "{{ .var0 }}", "{{-.var1-}}",
                "{{ \"{{\" }}", "{{ \"}}\" }}", "{{ `raw { } ]] text` }}", "{{ `multi\nline\r\n` }}", "{{ printf \"%s-%d\" .a 1 }}",
                "{{/* a comment: {{ with }} braces */}}", "{{- /* trimmed */ -}}", "{{ '}' }}", "{{ \"\\\"}}\\\\\" }}",
                "{{ (index .list 0) | quote }}", "{{ if .x }}", "{{ else }}", "{{ end }}", "{{ range $i, $v := .l }}",
                "{{ with .w }}", "{{ $x := \"<< >> ${} $(x)\" }}", "{{ ne .imageRepository \"\" }}",
                "{{ and (eq .a \"yes\") (not .b) }}");
        return Arbitraries.frequencyOf(Tuple.of(3, literal), Tuple.of(2, action)).list().ofMaxSize(8)
                .map(l -> String.join("", l))
                .map(HelmRoundTripPropertyTest::closeBlocks)
                // two literals can meet as "{" + "{`...": a raw string holding delimiters then forms after all
                .filter(t -> !RAW_STRING_WITH_DELIMITERS.matcher(t).find())
                .filter(t -> GoTemplates.check(t).isEmpty());
    }

    /** Appends the {@code {{ end }}}s that if/range/with left open, so most generated templates are valid. */
    private static String closeBlocks(String t) {
        int open = 0;
        for (String word : t.split("\\{\\{-?\\s*", -1)) {
            if (word.startsWith("if ") || word.startsWith("range ") || word.startsWith("with ")) {
                open++;
            } else if (word.startsWith("end") && open > 0) {
                open--;
            }
        }
        return t + "{{ end }}".repeat(open);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void everyStringComesBackFromHelmTemplateExactly(
            @ForAll @Size(PER_CHART) List<@From("texts") String> fileContents,
            @ForAll @Size(PER_CHART) List<@From("texts") String> commands,
            @ForAll @Size(PER_CHART) List<@From("goTemplates") String> templates,
            @ForAll @Size(PER_CHART) List<@From("goTemplates") String> enabledIfs,
            @ForAll @Size(PER_CHART) List<@From("texts") String> descriptions,
            @ForAll @Size(PER_CHART) List<@From("texts") String> labels) throws IOException {
        ClusterStack stack = stack(fileContents, commands, templates, enabledIfs, descriptions, labels);
        StackValidator.requireValid(stack);
        Path chart = Files.createTempDirectory("roundtrip");
        try {
            check(stack, chart, fileContents, commands, templates, enabledIfs, descriptions, labels);
        } finally {
            delete(chart);
        }
    }

    private static void check(ClusterStack stack, Path chart, List<String> fileContents, List<String> commands,
                              List<String> templates, List<String> enabledIfs, List<String> descriptions,
                              List<String> labels) {
        ClusterClassChart.write(stack, stack.releases().get(0), "v1", chart);

        String out = new Helm(chart).template().withName("docker-scs-1-32").withNamespace("ns").call();
        Map<String, Map<String, Object>> byKind = new LinkedHashMap<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(out)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) doc;
            byKind.put((String) object.get("kind"), object);
        }
        Map<String, Object> cc = byKind.get("ClusterClass");
        Map<String, Object> kcp = byKind.get("KubeadmControlPlaneTemplate");
        assertEquals("docker-scs-1-32-v1", get(cc, "metadata", "name"));
        assertEquals("ns", get(cc, "metadata", "namespace"));
        assertEquals("docker-scs-1-32-v1-control-plane", get(kcp, "metadata", "name"));

        Map<?, ?> kubeadm = (Map<?, ?>) get(kcp, "spec", "template", "spec", "kubeadmConfigSpec");
        same("file content", fileContents, ((List<?>) kubeadm.get("files")).stream().map(f -> ((Map<?, ?>) f).get("content")));
        same("preKubeadmCommands", commands, ((List<?>) kubeadm.get("preKubeadmCommands")).stream());
        List<?> patches = (List<?>) get(cc, "spec", "patches");
        same("valueFrom.template", templates, patches.stream().map(p -> get(p, "definitions"))
                .map(d -> get(((List<?>) d).get(0), "jsonPatches")).map(j -> get(((List<?>) j).get(0), "valueFrom", "template")));
        same("enabledIf", enabledIfs, patches.stream().map(p -> get(p, "enabledIf")));
        same("variable description", descriptions, ((List<?>) get(cc, "spec", "variables")).stream()
                .map(v -> get(v, "schema", "openAPIV3Schema", "description")));
        Map<?, ?> outLabels = (Map<?, ?>) get(cc, "metadata", "labels");
        same("label value", labels, IntStream.range(0, PER_CHART).mapToObj(i -> outLabels.get(labelKey(i))));

        if (CHARTS.incrementAndGet() % 10 == 1) {
            LintResult lint = new Helm(chart).lint().strict().call();
            assertFalse(lint.isFailed(), () -> "helm lint --strict: " + lint.getMessages());
        }
    }

    /** The escaping boundary cases on their own, each once, before the random ones. */
    @Example
    void controlCharactersAndLineBreaksOfEveryKindComeBack() throws IOException {
        List<String> all = new ArrayList<>();
        IntStream.rangeClosed(0, 0xA0).forEach(c -> all.add("a" + (char) c + "b"));
        Stream.of("\u2028", "\u2029", "\uFEFF", "\uFFFE", "\uFFFF", "\u0085\n", "x\n\u0085", "\r\n", "a\r\nb\r\n",
                "\n", " \n ", "\t\n", "trailing \n", "\n\nleading", "  spaces  ", "", " ", "{{", "}}", "{{ \"{{\" }}")
                .forEach(all::add);
        for (int from = 0; from < all.size(); from += PER_CHART) {
            List<String> chunk = new ArrayList<>(all.subList(from, Math.min(all.size(), from + PER_CHART)));
            while (chunk.size() < PER_CHART) {
                chunk.add("pad");
            }
            everyStringComesBackFromHelmTemplateExactly(chunk, chunk, fill(), fill(), chunk, chunk);
        }
    }

    /**
     * Regression: Helm trims the end of every manifest, which cut the trailing line breaks of the last value
     * of a file (here the last patch's template, last in cluster-class.yaml, and the last kubeadm command).
     */
    @Example
    void trailingLineBreaksOfTheLastValueOfAFileComeBack() throws IOException {
        for (String end : List.of("\n", "x\n", "x\n\n", " \n", "x\r\n", "x \t")) {
            List<String> last = new ArrayList<>(fill());
            last.set(PER_CHART - 1, end);
            List<String> commands = new ArrayList<>(Collections.nCopies(PER_CHART, "true"));
            commands.set(PER_CHART - 1, "echo\n" + end);
            everyStringComesBackFromHelmTemplateExactly(fill(), commands, last, fill(), fill(), fill());
        }
    }

    /**
     * Regression (shrunk from a failing try): SnakeYAML left this U+FEFF raw inside a double-quoted label value,
     * and Go's YAML reader (helm lint, Kubernetes) failed on it because of where its 512-byte read buffer ended.
     */
    @Example
    void aByteOrderMarkInsideTheTextIsEscaped() throws IOException {
        List<String> labels = new ArrayList<>(List.of(
                "reFg@\f0b101)\\\"# comment.inf\u00a5\u0264\ud80b\udc5e",
                "rxVd.5S5wm{{-.Inf\udbff\udfff{{-null-}}no",
                "|-\u0081?LuvUfh\u018a{{ local_hostname }}\u202eevil>+\ud83d\ude80FqBedZ{{-",
                "<< .ClusterClassVersion >>",
                "\ud83d\ude80\u00db\u0089\u001f{{ ds.meta_data.instance_id }}TRUEFalse\ufeffTRUE<<--- |"));
        while (labels.size() < PER_CHART) {
            labels.add("x");
        }
        CHARTS.set(0); // lint this chart
        everyStringComesBackFromHelmTemplateExactly(fill(), fill(), fill(), fill(), fill(), labels);
        assertEquals(1, CHARTS.get());
    }

    private static List<String> fill() {
        return IntStream.range(0, PER_CHART).mapToObj(i -> "{{ .builtin.cluster.name }}").toList();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static ClusterStack stack(List<String> fileContents, List<String> commands, List<String> templates,
                              List<String> enabledIfs, List<String> descriptions, List<String> labels) {
        KubeadmConfigSpec.Builder kubeadm = KubeadmConfigSpec.builder();
        Map<String, String> labelMap = new LinkedHashMap<>();
        ClusterClass.Builder cc = ClusterClass.builder()
                .infrastructure("cluster")
                .controlPlane(ControlPlaneClass.of("control-plane", null));
        for (int i = 0; i < PER_CHART; i++) {
            kubeadm.file(File.of("/etc/clusterstack/file-" + i, "0644", fileContents.get(i)));
            kubeadm.preKubeadmCommand(commands.get(i));
            labelMap.put(labelKey(i), labels.get(i));
            cc.variable(ClusterClassVariable.of("var" + i, JSONSchemaProps.builder("string")
                    .description(descriptions.get(i)).build()));
            cc.patch(ClusterClassPatch.of("patch" + i, null, enabledIfs.get(i), PatchDefinition.of(
                    PatchSelector.controlPlane(KubeadmControlPlaneTemplate.API_VERSION, KubeadmControlPlaneTemplate.KIND),
                    JSONPatch.template("add", "/spec/template/spec/kubeadmConfigSpec/files/-", templates.get(i)))));
        }
        cc.metadata(ObjectMeta.of(labelMap, Map.of()));
        return ClusterStack.builder().provider("docker").name("scs").release("1.32.5", StackContent.builder()
                        .clusterClass(cc.build())
                        .template(DockerClusterTemplate.of("cluster"))
                        .template(KubeadmControlPlaneTemplate.of("control-plane", kubeadm.build()))
                        .build())
                .build();
    }

    private static String labelKey(int i) {
        return "test.clusterstack.dev/label-" + i;
    }

    private static Object get(Object node, String... keys) {
        Object n = node;
        for (String k : keys) {
            n = ((Map<?, ?>) n).get(k);
        }
        return n;
    }

    private static void same(String what, List<String> expected, Stream<?> actual) {
        List<?> got = actual.toList();
        assertEquals(expected, got, () -> what + " changed on the way through Helm:\n  given " + visible(expected)
                + "\n  got   " + visible(got));
    }

    /** Strings with every non-printable character written as {@code \\uXXXX}, for failure messages. */
    static String visible(List<?> values) {
        StringBuilder b = new StringBuilder("[");
        for (Object v : values) {
            if (b.length() > 1) {
                b.append(", ");
            }
            if (!(v instanceof String s)) {
                b.append(v == null ? "null" : v.getClass().getSimpleName() + ":" + v);
                continue;
            }
            b.append('"');
            s.codePoints().forEach(c -> b.append(c < 0x20 || c >= 0x7F && c <= 0xA0 || c == 0x2028 || c == 0x2029
                    || c == 0xFEFF || c >= 0xFFFE && c <= 0xFFFF ? String.format("\\u%04X", c) : Character.toString(c)));
            b.append('"');
        }
        return b.append(']').toString();
    }
}
