package dev.clusterstack.core.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.NativeLibrary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts the Helm child JVM ({@link HelmChildProcess}: same Java, class path made of core, helm-java and its native
 * library, environment from the {@link HelmSandbox}) on first use and hands it Helm commands, several at a time.
 * The child loads Helm's native library once and lives until {@link #close()}; if it dies or a command exceeds the
 * timeout, it is stopped, the commands it was running fail, and the next command starts a new one. Thread-safe.
 */
final class HelmChildLauncher implements AutoCloseable {

    private static final int LOG_LINES = 200;

    private final HelmSandbox sandbox;
    private final Duration commandTimeout;
    private final AtomicLong ids = new AtomicLong();

    private final Object lock = new Object();
    private Child child;
    private boolean closed;

    HelmChildLauncher(HelmSandbox sandbox, Duration commandTimeout) {
        this.sandbox = sandbox;
        this.commandTimeout = commandTimeout;
    }

    /** One running child process, its pending commands and the tail of its output. */
    private static final class Child {
        final Process process;
        final Writer requests;
        final Map<Long, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();
        final Deque<String> log = new ArrayDeque<>();
        volatile boolean ended;

        Child(Process process) {
            this.process = process;
            this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        String tail() {
            synchronized (log) {
                String s = String.join("\n", log).strip();
                return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
            }
        }
    }

    /**
     * Runs one command in the child and returns what Helm printed.
     *
     * @throws HelmException with Helm's message if Helm failed, or why the child could not run the command
     */
    String run(Path chart, String command, String... args) {
        Path result = null;
        try {
            result = Files.createTempFile(sandbox.workFolder(), command + "-", ".out");
            long id = ids.incrementAndGet();
            CompletableFuture<Integer> done = new CompletableFuture<>();
            Child c;
            synchronized (lock) {
                c = child(chart);
                c.pending.put(id, done);
                StringBuilder line = new StringBuilder().append(id).append('\t').append(command);
                line.append('\t').append(base64(result.toString())).append('\t').append(base64(chart.toAbsolutePath().toString()));
                for (String a : args) {
                    line.append('\t').append(base64(a));
                }
                try {
                    c.requests.write(line.append('\n').toString());
                    c.requests.flush();
                } catch (IOException e) {
                    c.pending.remove(id);
                    stop(c);
                    throw new HelmException(chart, "cannot run helm " + command + ": the Helm child process does not take"
                            + " commands (" + e + "); output: " + c.tail(), e);
                }
            }
            int status;
            try {
                status = done.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                stop(c);
                throw new HelmException(chart, "helm " + command + " did not finish within " + commandTimeout
                        + "; output: " + c.tail());
            } catch (ExecutionException e) {
                throw new HelmException(chart, "helm " + command + " process " + e.getCause().getMessage()
                        + ": " + c.tail(), e.getCause());
            }
            String out = Files.readString(result, StandardCharsets.UTF_8);
            if (status == 0) {
                return out;
            }
            if (status == HelmChildProcess.EXIT_HELM_FAILED) {
                throw new HelmException(chart, out.strip());
            }
            throw new HelmException(chart, "helm " + command + " could not write its result (status " + status + "): "
                    + c.tail());
        } catch (IOException e) {
            throw new HelmException(chart, "cannot run helm " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HelmException(chart, "interrupted while running helm " + command, e);
        } finally {
            HelmSandbox.deleteQuietly(result);
        }
    }

    /**
     * Starts the child now, if none runs, so that its JVM and Helm's native library load while the caller does other
     * work; a child that cannot start is left for the first command to report.
     */
    void prestart() {
        synchronized (lock) {
            if (closed || child != null && !child.ended) {
                return;
            }
            try {
                child(null);
            } catch (IOException | RuntimeException e) {
                // the first command starts the child again and reports why it cannot
            }
        }
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The running child, started if there is none; call with {@link #lock} held. */
    private Child child(Path chart) throws IOException {
        if (closed) {
            throw new IllegalStateException("HelmRunner is closed");
        }
        if (child != null && !child.ended) {
            return child;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        cmd.add("-cp");
        cmd.add(childClassPath());
        cmd.add(HelmChildProcess.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(sandbox.workFolder().toFile());
        sandbox.applyTo(pb.environment(), chart);
        Child c = new Child(pb.start());
        Thread reader = new Thread(() -> read(c), "clusterstack-helm-child-output");
        reader.setDaemon(true);
        reader.start();
        child = c;
        return c;
    }

    /** Reads the child's output: completion lines complete their command, the rest is kept as the log tail. */
    private static void read(Child c) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(c.process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                int at = line.indexOf(HelmChildProcess.DONE);
                if (at >= 0) {
                    String[] parts = line.substring(at + HelmChildProcess.DONE.length()).strip().split(" ");
                    CompletableFuture<Integer> done = c.pending.remove(Long.parseLong(parts[0]));
                    if (done != null) {
                        done.complete(Integer.parseInt(parts[1]));
                    }
                    line = line.substring(0, at);
                }
                if (!line.isBlank()) {
                    synchronized (c.log) {
                        c.log.addLast(line);
                        if (c.log.size() > LOG_LINES) {
                            c.log.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the process ended or was stopped: handled below
        }
        c.ended = true;
        String why;
        try {
            why = "exited with " + c.process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "ended";
        }
        for (CompletableFuture<Integer> done : c.pending.values()) {
            done.completeExceptionally(new IOException(why));
        }
    }

    private void stop(Child c) {
        synchronized (lock) {
            if (child == c) {
                child = null;
            }
        }
        c.ended = true;
        c.process.destroyForcibly();
    }

    private static String childClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(HelmChildProcess.class, Helm.class, HelmLib.class, com.sun.jna.Native.class)) {
            entries.add(location(type));
        }
        NativeLibrary nativeLibrary = NativeLibrary.serviceProviderLibrary(NativeLibrary.class.getClassLoader());
        if (nativeLibrary != null) {
            entries.add(location(nativeLibrary.getClass()));
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the class path entry of " + type.getName(), e);
        }
    }

    @Override
    public void close() {
        Child c;
        synchronized (lock) {
            closed = true;
            c = child;
            child = null;
        }
        if (c != null) {
            try {
                c.requests.close();
                if (!c.process.waitFor(5, TimeUnit.SECONDS)) {
                    c.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (IOException e) {
                c.process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.process.destroyForcibly();
            }
        }
    }
}
