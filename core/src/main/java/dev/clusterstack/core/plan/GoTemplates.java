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
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Evaluates Go {@code text/template} templates with Go itself: all templates of one Cluster in one render of a
 * throwaway chart by the Helm engine embedded through helm-java, so sprig and Go's template semantics are the real
 * ones.
 *
 * <p>The chart: every distinct template text {@code T} becomes {@code {{ define "cs.tN" }}T{{ end }}} in
 * {@code _defs.tpl}; every job is one line {@code jK: {{ include "cs.tN" .Values.dM | toJson }}} of
 * {@code templates/jobs.yaml}, where {@code dM} is the job's data (decoded from JSON by Helm, so numbers are float64
 * as in Cluster API). The output travels through {@code toJson}, which escapes {@code <} and {@code >}: Helm's replacement of
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
    private static final Pattern OUTPUT_LINE = Pattern.compile("j(\\d+): (.*)");
    private static final Pattern FAILED_DEFINE = Pattern.compile("templates/_defs\\.tpl:(\\d+)");
    private static final Pattern FAILED_LINE = Pattern.compile("templates/jobs\\.yaml:(\\d+):");
    private static final Pattern FAILED_JOB = Pattern.compile("templates/(?:j|_t)(\\d+)\\.(yaml|tpl)");
    private static final Pattern NIL_CHAIN = Pattern.compile("at <(\\.[\\w.]+)>: nil pointer evaluating interface \\{}\\.(\\w+)");
    private static final java.util.Set<String> YAML_TRUE = java.util.Set.of("y", "Y", "yes", "Yes", "YES", "true",
            "True", "TRUE", "on", "On", "ON");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, Queue<Path>> FREE = new ConcurrentHashMap<>();

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
        String m = helmMessage;
        int k = m.lastIndexOf("error calling include: ");
        if (k >= 0) {
            m = m.substring(k + "error calling include: ".length());
        }
        return m.replaceAll("plan/templates/_t\\d+\\.tpl", "template").replaceAll("\"cs\\.t\\d+\"", "\"template\"")
                .replaceAll("plan/templates/j\\d+\\.yaml", "template").strip();
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
        boolean reusable = false;
        try {
            chart = take(workDir);
            Path templates = chart.resolve("templates");
            List<String> texts = distinctTemplates(jobs, pending);
            Map<String, Integer> textIndex = new LinkedHashMap<>();
            // all defines in one file (few files: writing them costs more than rendering); firstLines[t] = its line
            StringBuilder defs = new StringBuilder();
            int[] firstLines = new int[texts.size()];
            int line = 1;
            for (int t = 0; t < texts.size(); t++) {
                textIndex.put(texts.get(t), t);
                firstLines[t] = line;
                String define = "{{- define \"cs.t" + t + "\" }}" + texts.get(t) + "{{ end -}}\n";
                defs.append(define);
                line += (int) define.chars().filter(c -> c == '\n').count();
            }
            Files.writeString(templates.resolve("_defs.tpl"), defs.toString(), StandardCharsets.UTF_8);
            Map<String, String> dataKeys = new LinkedHashMap<>();
            Map<Integer, String> jobData = new LinkedHashMap<>();
            StringBuilder values = new StringBuilder("{");
            Map<JsonNode, String> serialized = new java.util.IdentityHashMap<>();
            for (int i : pending) {
                JsonNode data = jobs.get(i).data();
                String key = serialized.get(data);
                if (key == null) {
                    key = JSON.writeValueAsString(data);
                    serialized.put(data, key);
                }
                String name = dataKeys.get(key);
                if (name == null) {
                    name = "d" + dataKeys.size();
                    values.append(dataKeys.isEmpty() ? "" : ",").append('"').append(name).append("\":").append(key);
                    dataKeys.put(key, name);
                }
                jobData.put(i, name);
            }
            values.append('}');
            // one file, one line per job: a failing job is named by the line Helm reports
            StringBuilder body = new StringBuilder();
            List<Integer> lines = new ArrayList<>();
            for (int i : pending) {
                Job job = jobs.get(i);
                String call = "include \"cs.t" + textIndex.get(job.template()) + "\" .Values." + jobData.get(i);
                body.append('j').append(i).append(": ");
                if (job.guard() >= 0 && jobData.containsKey(job.guard())) {
                    Job g = jobs.get(job.guard());
                    String guardCall = "include \"cs.t" + textIndex.get(g.template()) + "\" .Values." + jobData.get(job.guard());
                    body.append("{{ if has (").append(guardCall).append(" | trim) (list \"y\" \"Y\" \"yes\" \"Yes\" \"YES\""
                            + " \"true\" \"True\" \"TRUE\" \"on\" \"On\" \"ON\") }}{{ ").append(call)
                            .append(" | toJson }}{{ else }}null{{ end }}\n");
                } else {
                    body.append("{{ ").append(call).append(" | toJson }}\n");
                }
                lines.add(i);
            }
            Files.writeString(templates.resolve("jobs.yaml"), body.toString(), StandardCharsets.UTF_8);
            Path valuesFile = chart.resolve("data.json");
            Files.writeString(valuesFile, values.toString(), StandardCharsets.UTF_8);
            String out;
            try {
                out = new Helm(chart).template().withName("plan").withNamespace("default").withValuesFile(valuesFile).call();
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                Matcher def = FAILED_DEFINE.matcher(message);
                if (!message.contains("templates/jobs.yaml:") && def.find()) {
                    int failedLine = Integer.parseInt(def.group(1));
                    int t = 0;
                    while (t + 1 < firstLines.length && firstLines[t + 1] <= failedLine) {
                        t++;
                    }
                    // a parse error: name the define's own file, line within the template
                    return message.replace(def.group(0), "templates/_t" + t + ".tpl:" + (failedLine - firstLines[t] + 1));
                }
                Matcher failed = FAILED_LINE.matcher(message);
                return failed.find() && Integer.parseInt(failed.group(1)) <= lines.size()
                        ? message.replace("templates/jobs.yaml:" + failed.group(1) + ":",
                        "templates/j" + lines.get(Integer.parseInt(failed.group(1)) - 1) + ".yaml:")
                        : message;
            }
            for (String l : out.split("\n")) {
                Matcher m = OUTPUT_LINE.matcher(l);
                if (!m.matches()) {
                    continue;
                }
                int job = Integer.parseInt(m.group(1));
                String value = m.group(2);
                results[job] = value.equals("null") ? new Result(null, null, true, false)
                        : Result.ok(JSON.readValue(value, String.class));
            }
            for (int i : pending) {
                if (results[i] == null) {
                    results[i] = Result.failed("Helm rendered no output for this template");
                }
            }
            reusable = true;
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (reusable) {
                FREE.computeIfAbsent(workDir.toAbsolutePath().normalize(), k -> new ConcurrentLinkedQueue<>()).add(chart);
            } else {
                delete(chart);
            }
        }
    }

    /**
     * A chart folder in {@code workDir} for one render: a free one of an earlier render (its files are overwritten)
     * or a new one; creating and deleting folders costs more than the render itself. Left-over folders are harmless
     * scratch in the work folder.
     */
    private static Path take(Path workDir) throws IOException {
        Queue<Path> free = FREE.get(workDir.toAbsolutePath().normalize());
        for (Path p = free == null ? null : free.poll(); p != null; p = free.poll()) {
            if (Files.isDirectory(p.resolve("templates"))) {
                return p;
            }
        }
        Files.createDirectories(workDir);
        Path chart = Files.createTempDirectory(workDir, "plan-templates");
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: plan\nversion: 0.1.0\n");
        Files.createDirectories(chart.resolve("templates"));
        return chart;
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
