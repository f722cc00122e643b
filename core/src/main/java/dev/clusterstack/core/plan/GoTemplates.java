package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Evaluates Go {@code text/template} templates with Go itself: all templates of one Cluster in one render of a
 * throwaway chart by the Helm engine embedded through helm-java, so sprig and Go's template semantics are the real
 * ones.
 *
 * <p>The chart: every distinct template text {@code T} becomes {@code {{ define "cs.tN" }}T{{ end }}} in its own
 * {@code _tN.tpl}; every job becomes {@code templates/jK.yaml} with {@code out: {{ include "cs.tN" .Values.dM |
 * toJson }}}, where {@code dM} is the job's data (decoded from JSON by Helm, so numbers are float64 as in Cluster
 * API). The output travels through {@code toJson}, which escapes {@code <} and {@code >}: Helm's replacement of
 * {@code <no value>} by an empty string (applied to the rendered file) never sees it, so a missing key renders
 * {@code <no value>} as in Cluster API. A job may be guarded by another job: it is evaluated only when the guard's
 * output is a YAML {@code true} (a patch's value templates only when its {@code enabledIf} holds).
 *
 * <p>Where Helm's engine differs from Cluster API's and how it is handled:
 * <ul>
 *   <li>Helm adds functions Cluster API lacks ({@link #NOT_IN_CLUSTER_API}) and Cluster API's sprig is the
 *   hermetic set: a template that calls one is refused before rendering.</li>
 *   <li>Helm runs with {@code missingkey=zero}: a field chain through a missing key ({@code .a.b} without {@code a})
 *   fails in Helm ("nil pointer evaluating interface {}.b") where Cluster API renders {@code <no value>}; such a
 *   template is reported as not evaluated, naming the chain (an explicit {@code null} fails in both).</li>
 *   <li>A template that fails to parse or execute fails Helm's whole render: the failing job (named in Helm's
 *   message) is set aside with that message and the rest is rendered again.</li>
 * </ul>
 */
final class GoTemplates {
    /**
     * Functions a ClusterClass template cannot call: Helm's own ({@code include}, {@code tpl}, {@code required},
     * {@code toYaml}, {@code fromYaml}, {@code lookup}, ...) and sprig's non-hermetic ones (Cluster API uses
     * {@code sprig.HermeticTxtFuncMap()}).
     */
    static final Pattern NOT_IN_CLUSTER_API = Pattern.compile("(?<![.$\\w])(include|tpl|required|toYaml|toYamlPretty"
            + "|mustToYaml|fromYaml|fromYamlArray|fromJson|fromJsonArray|toToml|fromToml|lookup|date\\w*|htmlDate\\w*"
            + "|mustDate\\w*|now|rand\\w*|uuidv4|env|expandenv|getHostByName)(?![\\w])");
    private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: plan/templates/j(\\d+)\\.yaml$");
    private static final Pattern FAILED_JOB = Pattern.compile("templates/(?:j|_t)(\\d+)\\.(yaml|tpl)");
    private static final Pattern NIL_CHAIN = Pattern.compile("at <(\\.[\\w.]+)>: nil pointer evaluating interface \\{}\\.(\\w+)");
    private static final java.util.Set<String> YAML_TRUE = java.util.Set.of("y", "Y", "yes", "Yes", "YES", "true",
            "True", "TRUE", "on", "On", "ON");
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoTemplates() {
    }

    /** One template to render with its data; {@code guard} is the index of a job that must render true, or -1. */
    record Job(String template, JsonNode data, int guard) {
    }

    /** The raw output (null when not evaluated), or why it failed; {@code skipped}: the guard did not hold. */
    record Result(String output, String error, boolean skipped, boolean notEvaluated) {
        static Result ok(String output) {
            return new Result(output, null, false, false);
        }

        static Result failed(String error) {
            return new Result(null, error, false, false);
        }
    }

    /** Whether Cluster API enables a patch for this {@code enabledIf} output: it must be YAML {@code true}. */
    static boolean isTrue(String output) {
        return output != null && YAML_TRUE.contains(output.strip());
    }

    /** The function Cluster API lacks that the template calls, or null. */
    static String forbiddenFunction(String template) {
        Matcher a = ACTION.matcher(template);
        while (a.find()) {
            String code = STRING_LITERAL.matcher(a.group(1)).replaceAll("\"\"");
            if (code.strip().startsWith("/*")) {
                continue;
            }
            Matcher f = NOT_IN_CLUSTER_API.matcher(code);
            if (f.find()) {
                return f.group(1);
            }
        }
        return null;
    }

    /** Renders all jobs in one Helm run (more only when a template fails); results in job order. */
    static List<Result> render(List<Job> jobs, Path workDir) {
        Result[] results = new Result[jobs.size()];
        for (int i = 0; i < jobs.size(); i++) {
            String f = forbiddenFunction(jobs.get(i).template());
            if (f != null) {
                results[i] = Result.failed("function \"" + f + "\" is not available in Cluster API's templates (Go "
                        + "text/template with sprig's hermetic functions; Helm's include, tpl, required, toYaml, lookup"
                        + " and sprig's date, now, rand, uuidv4, env, expandenv, getHostByName do not exist there)");
            }
        }
        for (int round = 0; round <= jobs.size(); round++) {
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                int g = jobs.get(i).guard();
                if (results[i] == null && (g < 0 || results[g] == null || results[g].output() != null)) {
                    pending.add(i);
                } else if (results[i] == null) {
                    results[i] = new Result(null, null, true, false);
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            String failure = renderOnce(jobs, pending, results, workDir);
            if (failure == null) {
                break;
            }
            Matcher m = FAILED_JOB.matcher(failure);
            int failed = -1;
            if (m.find()) {
                failed = Integer.parseInt(m.group(1));
                if (m.group(2).equals("tpl")) {
                    // a parse error names the define's file: fail every pending job of that template
                    String text = distinctTemplates(jobs, pending).get(failed);
                    for (int i : pending) {
                        if (jobs.get(i).template().equals(text)) {
                            results[i] = Result.failed(message(failure));
                        }
                    }
                    continue;
                }
            }
            if (failed < 0 || !pending.contains(failed)) {
                for (int i : pending) {
                    results[i] = Result.failed(message(failure));
                }
                break;
            }
            results[failed] = failedJob(jobs, failed, failure);
        }
        for (int i = 0; i < results.length; i++) {
            int g = jobs.get(i).guard();
            if (results[i] == null || g >= 0 && (results[g] == null || !isTrue(results[g].output()))) {
                // not evaluated because the guard failed or did not hold (a guard failure may first show in here)
                results[i] = new Result(null, null, true, false);
            }
        }
        return List.of(results);
    }

    private static Result failedJob(List<Job> jobs, int failed, String failure) {
        Job job = jobs.get(failed);
        Matcher nil = NIL_CHAIN.matcher(failure);
        if (nil.find()) {
            String chain = nil.group(1);
            String missing = missingKey(job.data(), chain);
            if (missing != null) {
                return new Result(null, "Cluster API renders <no value> for " + chain + " (the key \"" + missing
                        + "\" is missing) and goes on; Helm's engine stops there, so the plan cannot evaluate the rest"
                        + " of this template", false, true);
            }
        }
        return Result.failed(message(failure));
    }

    /** The first key of a root field chain ({@code .a.b.c}) that the data lacks before the chain ends, or null. */
    static String missingKey(JsonNode data, String chain) {
        String[] parts = chain.substring(1).split("\\.");
        JsonNode cur = data;
        for (int i = 0; i < parts.length - 1; i++) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            if (!cur.has(parts[i])) {
                return parts[i];
            }
            cur = cur.get(parts[i]);
        }
        return null;
    }

    private static String message(String helmMessage) {
        String m = helmMessage.replaceAll("plan/templates/_t\\d+\\.tpl", "template")
                .replaceAll("template: plan/templates/j\\d+\\.yaml:\\d+:\\d+: executing \"plan/templates/j\\d+\\.yaml\" at "
                        + "<include \"cs\\.t\\d+\" \\.Values\\.d\\d+>: error calling include: ", "")
                .replaceAll("\"cs\\.t\\d+\"", "\"template\"");
        return m.strip();
    }

    private static List<String> distinctTemplates(List<Job> jobs, List<Integer> pending) {
        List<String> texts = new ArrayList<>();
        for (int i : pending) {
            if (!texts.contains(jobs.get(i).template())) {
                texts.add(jobs.get(i).template());
            }
        }
        return texts;
    }

    /** One Helm run over the pending jobs; fills their results and returns null, or returns Helm's error. */
    private static String renderOnce(List<Job> jobs, List<Integer> pending, Result[] results, Path workDir) {
        Path chart = null;
        try {
            Files.createDirectories(workDir);
            chart = Files.createTempDirectory(workDir, "plan-templates");
            Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: plan\nversion: 0.1.0\n");
            Path templates = Files.createDirectories(chart.resolve("templates"));
            List<String> texts = distinctTemplates(jobs, pending);
            for (int t = 0; t < texts.size(); t++) {
                Files.writeString(templates.resolve("_t" + t + ".tpl"),
                        "{{- define \"cs.t" + t + "\" }}" + texts.get(t) + "{{ end -}}", StandardCharsets.UTF_8);
            }
            Map<String, String> dataKeys = new LinkedHashMap<>();
            ObjectNode values = JSON.createObjectNode();
            for (int i : pending) {
                String key = JSON.writeValueAsString(jobs.get(i).data());
                if (!dataKeys.containsKey(key)) {
                    String name = "d" + dataKeys.size();
                    dataKeys.put(key, name);
                    values.set(name, jobs.get(i).data());
                }
            }
            for (int i : pending) {
                Job job = jobs.get(i);
                String call = "include \"cs.t" + texts.indexOf(job.template()) + "\" .Values."
                        + dataKeys.get(JSON.writeValueAsString(job.data()));
                String body = "out: {{ " + call + " | toJson }}\n";
                if (job.guard() >= 0 && pending.contains(job.guard())) {
                    Job g = jobs.get(job.guard());
                    String guardCall = "include \"cs.t" + texts.indexOf(g.template()) + "\" .Values."
                            + dataKeys.get(JSON.writeValueAsString(g.data()));
                    body = "{{- if has (" + guardCall + " | trim) (list \"y\" \"Y\" \"yes\" \"Yes\" \"YES\" \"true\""
                            + " \"True\" \"TRUE\" \"on\" \"On\" \"ON\") }}\n" + body + "{{- else }}\nskipped: true\n{{- end }}\n";
                }
                Files.writeString(templates.resolve("j" + i + ".yaml"), body, StandardCharsets.UTF_8);
            }
            Path valuesFile = chart.resolve("data.json");
            Files.writeString(valuesFile, JSON.writeValueAsString(values), StandardCharsets.UTF_8);
            String out;
            try {
                out = new Helm(chart).template().withName("plan").withNamespace("default").withValuesFile(valuesFile).call();
            } catch (RuntimeException e) {
                return e.getMessage() == null ? e.toString() : e.getMessage();
            }
            Matcher m = SOURCE.matcher(out);
            List<int[]> starts = new ArrayList<>();
            while (m.find()) {
                starts.add(new int[]{Integer.parseInt(m.group(1)), m.end()});
            }
            for (int k = 0; k < starts.size(); k++) {
                int end = k + 1 < starts.size() ? out.lastIndexOf("---", starts.get(k + 1)[1]) : out.length();
                String doc = out.substring(starts.get(k)[1], end).strip();
                int job = starts.get(k)[0];
                if (doc.startsWith("skipped:")) {
                    results[job] = new Result(null, null, true, false);
                } else if (doc.startsWith("out: ")) {
                    results[job] = Result.ok(JSON.readValue(doc.substring(5), String.class));
                } else {
                    results[job] = Result.failed("unexpected output from Helm: " + doc);
                }
            }
            for (int i : pending) {
                if (results[i] == null) {
                    results[i] = Result.failed("Helm rendered no output for this template");
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(chart);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a left-over temporary folder is harmless
        }
    }
}
