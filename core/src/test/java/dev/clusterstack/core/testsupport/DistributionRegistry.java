package dev.clusterstack.core.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real OCI registry: the CNCF distribution server of Debian's {@code docker-registry} package
 * ({@code apt-get install docker-registry}), started on 127.0.0.1 at a free port with a configuration
 * of its own in a temporary folder (filesystem storage there, no health checks), and stopped by
 * {@link #close()}. Optionally with {@code htpasswd} basic authentication of one user.
 */
public final class DistributionRegistry implements AutoCloseable {

    /** User of {@link #withBasicAuth(Path)}. */
    public static final String USER = "ci";
    /** Password of {@link #USER}. */
    public static final String PASSWORD = "s3cret";
    /** bcrypt (cost 4) of {@link #PASSWORD}, as {@code htpasswd -B} writes it. */
    private static final String PASSWORD_BCRYPT = "$2b$04$abcdefghijklmnopqrstuuLZYjhNQAOdpbzt4WxWlUHjv1wsyH5DG";

    private final Process process;
    private final int port;
    private final Path log;

    private DistributionRegistry(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The server binary on the PATH, if installed. */
    public static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[] {"docker-registry", "registry"}) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p) && Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test when the server is not installed. */
    public static void assumeInstalled() {
        assumeTrue(binary().isPresent(), "docker-registry (the CNCF distribution server) not installed"
                + " (apt-get install docker-registry): test skipped");
    }

    /** An anonymous registry storing under {@code dir}. */
    public static DistributionRegistry anonymous(Path dir) {
        return start(dir, false);
    }

    /** A registry that wants {@link #USER} / {@link #PASSWORD} as HTTP basic authentication. */
    public static DistributionRegistry withBasicAuth(Path dir) {
        return start(dir, true);
    }

    private static DistributionRegistry start(Path dir, boolean basicAuth) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException("docker-registry is not installed"));
        try {
            int port = freePort();
            Files.createDirectories(dir.resolve("data"));
            String auth = "";
            if (basicAuth) {
                Files.writeString(dir.resolve("htpasswd"), USER + ":" + PASSWORD_BCRYPT + "\n", StandardCharsets.UTF_8);
                auth = "auth:\n  htpasswd:\n    realm: loopback\n    path: " + dir.resolve("htpasswd") + "\n";
            }
            Path config = dir.resolve("config.yml");
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: warn
                      accesslog:
                        disabled: true
                    storage:
                      filesystem:
                        rootdirectory: %s
                      delete:
                        enabled: true
                    http:
                      addr: 127.0.0.1:%d
                    %s""".formatted(dir.resolve("data"), port, auth), StandardCharsets.UTF_8);
            Path log = dir.resolve("registry.log");
            Process process = new ProcessBuilder(binary.toString(), "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            DistributionRegistry registry = new DistributionRegistry(process, port, log);
            registry.awaitReady();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with " + process.exitValue() + ": " + logText());
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(url() + "/v2/")).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        close();
        throw new IOException("docker-registry did not answer on " + url() + " within 30 s: " + logText());
    }

    private String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://" + hostPort();
    }

    /** Stops the server. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
