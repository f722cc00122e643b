package dev.clusterstack.core.helm;

import dev.clusterstack.core.helm.ChartCache.Dependency;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Helm's words for a repository it could not reach into ones that name the host. When the index of an http(s)
 * chart repository cannot be downloaded, Helm's {@code dependency build} only says {@code no cached repository for
 * <generated name> found. (try 'helm repo update')}; this class tries a TCP connection to the host of every remote
 * repository of the chart and names the ones that do not answer, with the dependency and the chart that need them.
 */
final class UnreachableRepositories {

    private static final int CONNECT_TIMEOUT_MILLIS = 3000;

    private UnreachableRepositories() {
    }

    /**
     * {@code e} with the unreachable repositories named, or {@code e} itself when every remote repository of the chart
     * answers (then Helm's message is the better one).
     */
    static HelmException explain(Path chartDir, List<Dependency> declared, HelmException e) {
        Map<String, List<Dependency>> byHost = new LinkedHashMap<>();
        for (Dependency d : declared) {
            String host = d.remote() ? hostAndPort(d.repository()) : null;
            if (host != null) {
                byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(d);
            }
        }
        String chartName = chartDir.getFileName() == null ? chartDir.toString() : chartDir.getFileName().toString();
        List<String> unreachable = new ArrayList<>();
        for (Map.Entry<String, List<Dependency>> host : byHost.entrySet()) {
            String failure = connect(host.getKey());
            if (failure != null) {
                List<String> needs = host.getValue().stream().map(d -> d.name() + " " + d.version() + " (repository "
                        + d.repository() + ")").toList();
                unreachable.add("cannot reach " + host.getKey() + " (" + failure + "), needed by chart '" + chartName
                        + "' for " + String.join(", ", needs));
            }
        }
        if (unreachable.isEmpty()) {
            return e;
        }
        String helmSaid = e.helmMessage();
        for (Dependency d : declared) {
            if (d.repository() != null && (d.repository().startsWith("http://") || d.repository().startsWith("https://"))) {
                String url = d.repository().replaceAll("/+$", "");
                helmSaid = helmSaid.replace(HelmSandbox.repositoryName(url), url);
            }
        }
        return new HelmException(chartDir, String.join("; ", unreachable) + ". Helm said: " + helmSaid, e);
    }

    /** {@code host:port} of an http(s) or OCI repository address, or null if it has none. */
    static String hostAndPort(String repository) {
        try {
            URI uri = new URI(repository.strip());
            if (uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
            String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                    : uri.getHost();
            return host + ":" + port;
        } catch (URISyntaxException ex) {
            return null;
        }
    }

    /** Null if a TCP connection to {@code hostAndPort} succeeds, else why not. */
    private static String connect(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = hostAndPort.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(hostAndPort.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return null;
        } catch (IOException ex) {
            String message = ex.getMessage();
            return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
        }
    }
}
