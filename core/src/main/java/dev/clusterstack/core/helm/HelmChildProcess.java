package dev.clusterstack.core.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the child JVM {@link HelmChildLauncher} starts, one per {@link HelmRunner}: it loads Helm's native
 * library once and runs the runner's Helm commands, several at a time. The commands whose behaviour depends on the
 * process environment ({@code KUBECONFIG}, {@code HELM_REPOSITORY_CONFIG}, {@code HELM_REPOSITORY_CACHE}, ...) must
 * run here: helm-java 0.0.21 offers no kubeconfig or repository-config option on {@code template} and
 * {@code dependency}, and the embedded Go runtime reads the environment only once, from the process start. Internal:
 * not an API.
 *
 * <p>Protocol: one request per line on standard input, {@code <id> <command> <argument>...} separated by tabs, every
 * argument Base64 (UTF-8); the first argument is the result file. Commands: {@code template <chart> <release>
 * <namespace> <values file|-> <kube version|->}, {@code dependency-build <chart>}, {@code dependency-update <chart>},
 * {@code lint <chart> <strict true|false>} and {@code package <chart> <destination>}. When a command is done, the
 * result file holds Helm's output (or its error message) and a line {@value #DONE} {@code <id> <status>} goes to
 * standard output: status 0 is success, {@value #EXIT_HELM_FAILED} a Helm error. End of input ends the process.
 */
public final class HelmChildProcess {

    static final int EXIT_HELM_FAILED = 3;
    static final String DONE = "@@clusterstack-helm-done@@";

    private HelmChildProcess() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "clusterstack-helm");
            t.setDaemon(true);
            return t;
        });
        // Helm's native library loads on first use: load it while the first command is still on its way
        pool.execute(HelmChildProcess::loadHelm);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            String id = fields[0];
            String command = fields[1];
            List<String> arguments = new ArrayList<>();
            for (int i = 2; i < fields.length; i++) {
                arguments.add(new String(Base64.getDecoder().decode(fields[i]), StandardCharsets.UTF_8));
            }
            pool.execute(() -> answer(id, command, arguments));
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.exit(0);
    }

    private static void loadHelm() {
        try {
            Helm.version().call();
        } catch (RuntimeException | Error e) {
            // the commands report whatever keeps Helm from loading
        }
    }

    private static void answer(String id, String command, List<String> arguments) {
        Path result = Path.of(arguments.get(0));
        int status;
        String out;
        try {
            out = run(command, arguments);
            status = 0;
        } catch (RuntimeException | Error e) {
            out = e.getMessage();
            if (out == null || out.isBlank()) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                out = trace.toString();
            }
            status = EXIT_HELM_FAILED;
        }
        try {
            Files.writeString(result, out == null ? "" : out, StandardCharsets.UTF_8);
        } catch (Exception e) {
            status = EXIT_HELM_FAILED + 1;
        }
        synchronized (System.out) {
            System.out.print("\n" + DONE + " " + id + " " + status + "\n");
            System.out.flush();
        }
    }

    private static String run(String command, List<String> a) {
        Path chart = Path.of(a.get(1));
        switch (command) {
            case "template": {
                TemplateCommand template = new Helm(chart).template().withName(a.get(2)).withNamespace(a.get(3));
                if (!"-".equals(a.get(4))) {
                    template = template.withValuesFile(Path.of(a.get(4)));
                }
                if (!"-".equals(a.get(5))) {
                    template = template.withKubeVersion(a.get(5));
                }
                return template.call();
            }
            case "dependency-build":
                return new Helm(chart).dependency().build().call();
            case "dependency-update":
                return new Helm(chart).dependency().update().call();
            case "lint": {
                var lint = new Helm(chart).lint();
                if (Boolean.parseBoolean(a.get(2))) {
                    lint = lint.strict();
                }
                com.marcnuri.helm.LintResult r = lint.call();
                StringBuilder out = new StringBuilder(r.isFailed() ? "failed" : "passed");
                for (String message : r.getMessages()) {
                    out.append('\n').append(Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)));
                }
                return out.toString();
            }
            case "package":
                new Helm(chart).packageIt().withDestination(Path.of(a.get(2))).call();
                return "";
            default:
                throw new IllegalArgumentException("unknown command " + command);
        }
    }
}
