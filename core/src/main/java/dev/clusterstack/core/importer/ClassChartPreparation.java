package dev.clusterstack.core.importer;

import dev.clusterstack.core.importer.ImportReport.Finding;
import dev.clusterstack.core.importer.ImportReport.Kind;
import dev.clusterstack.core.model.KubernetesVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.clusterstack.core.importer.ImportChecks.add;

/**
 * The copied cluster-class chart made ready to render for one Kubernetes version as csctl does: csctl's version
 * placeholders filled (others refused), the chart renamed per version and the node image tag in its values set.
 */
final class ClassChartPreparation {
    static final Pattern CHART_NAME = Pattern.compile("(?m)^name:.*$");
    /** csctl's version placeholders ({@code csctl/docs/preparing_your_clusterstack_directory.md}). */
    static final Pattern CSCTL_VERSION = Pattern.compile("<<\\s*\\.(ClusterClassVersion|ClusterAddonVersion|NodeImageVersion)\\s*>>");
    static final Pattern CSCTL_OTHER = Pattern.compile("<<\\s*\\.[A-Za-z]+\\s*>>");

    private ClassChartPreparation() {
    }

    /**
     * csctl's {@code << .ClusterClassVersion >>}, {@code << .ClusterAddonVersion >>} and {@code << .NodeImageVersion >>}
     * become {@value StackImporter#FIRST_VERSION} in the copied chart (the chart version is the generator's own; elsewhere the
     * value is reported, the definition has no placeholder for a release's own version); other placeholders
     * ({@code << .NodeImageRegistry >>}) cannot be filled and are refused.
     */
    static void csctlPlaceholders(CsctlStack stack, Path chart, List<Finding> findings) {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                if (!text.contains("<<")) {
                    continue;
                }
                String rel = "cluster-class/" + chart.relativize(f).toString().replace('\\', '/');
                Matcher m = CSCTL_VERSION.matcher(text);
                while (m.find()) {
                    if (!rel.equals("cluster-class/Chart.yaml")) {
                        add(findings, new Finding(Kind.NOT_CARRIED_OVER, rel + ":" + CsctlStack.lineOf(text, m.start()),
                                "csctl's " + m.group() + " became " + StackImporter.FIRST_VERSION + " (a first release); the definition has"
                                        + " no placeholder for a release's own version"));
                    }
                }
                String replaced = CSCTL_VERSION.matcher(text).replaceAll(StackImporter.FIRST_VERSION);
                Matcher other = CSCTL_OTHER.matcher(replaced);
                while (other.find()) {
                    problems.add(rel + ":" + CsctlStack.lineOf(replaced, other.start()) + ": csctl's " + other.group()
                            + " has no counterpart in a stack definition; replace it before importing");
                }
                if (!replaced.equals(text)) {
                    Files.writeString(f, replaced, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
    }

    /** Applies csctl's per-version rules to the copied cluster-class chart; returns its Chart.yaml. */
    static Map<String, Object> prepareClassChart(CsctlStack stack, KubernetesVersion v, String release, Path chart) {
        List<String> problems = new ArrayList<>();
        Path chartFile = chart.resolve("Chart.yaml");
        if (stack.versionsFile) {
            ImportFiles.rewrite(chartFile, text -> CHART_NAME.matcher(text).replaceFirst("name: " + release + "-cluster-class"));
            if (!v.equals(stack.baseVersion)) {
                Path values = chart.resolve("values.yaml");
                if (Files.isRegularFile(values)) {
                    ImportFiles.rewrite(values, text -> text.replace(stack.baseVersion.tag(), v.tag()));
                }
            }
        }
        Map<String, Object> chartYaml = CsctlStack.readYaml(chartFile, problems);
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
        return chartYaml;
    }
}
