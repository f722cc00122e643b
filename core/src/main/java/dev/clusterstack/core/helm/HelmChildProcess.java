package dev.clusterstack.core.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the child JVM {@link HelmRunner} starts for the Helm commands whose behaviour depends on the process
 * environment ({@code KUBECONFIG}, {@code HELM_REPOSITORY_CONFIG}, {@code HELM_REPOSITORY_CACHE}, ...). helm-java
 * 0.0.21 offers no kubeconfig or repository-config option on {@code template} and {@code dependency}, and the
 * embedded Go runtime reads the environment only once, from the process start, so these settings can only be given
 * to a fresh process. Internal: not an API.
 *
 * <p>Arguments: {@code <result file> template <chart> <release> <namespace> <values file|-> <kube version|->},
 * {@code <result file> dependency-build <chart>} or {@code <result file> dependency-update <chart>}. Exit code 0:
 * the result file holds Helm's output; exit code 3: it holds Helm's error message.
 */
public final class HelmChildProcess {

  static final int EXIT_HELM_FAILED = 3;

  private HelmChildProcess() {
  }

  public static void main(String[] args) throws Exception {
    Path result = Path.of(args[0]);
    try {
      String out = run(args);
      Files.writeString(result, out == null ? "" : out, StandardCharsets.UTF_8);
      System.exit(0);
    } catch (RuntimeException e) {
      String message = e.getMessage();
      if (message == null || message.isBlank()) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        message = trace.toString();
      }
      Files.writeString(result, message, StandardCharsets.UTF_8);
      System.exit(EXIT_HELM_FAILED);
    }
  }

  private static String run(String[] args) {
    String command = args[1];
    Path chart = Path.of(args[2]);
    switch (command) {
      case "template": {
        TemplateCommand template = new Helm(chart).template().withName(args[3]).withNamespace(args[4]);
        if (!"-".equals(args[5])) {
          template = template.withValuesFile(Path.of(args[5]));
        }
        if (!"-".equals(args[6])) {
          template = template.withKubeVersion(args[6]);
        }
        return template.call();
      }
      case "dependency-build":
        return new Helm(chart).dependency().build().call();
      case "dependency-update":
        return new Helm(chart).dependency().update().call();
      default:
        throw new IllegalArgumentException("unknown command " + command);
    }
  }
}
