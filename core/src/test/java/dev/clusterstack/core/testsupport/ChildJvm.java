package dev.clusterstack.core.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A class of the test classpath run in a JVM process of its own (this JVM's java and classpath),
 * with its output (stdout and stderr) collected line by line while it runs.
 */
public final class ChildJvm {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output lost: " + e + ")");
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with the given JVM options and program arguments. */
    public static ChildJvm start(Class<?> main, List<String> jvmOptions, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    public Process process() {
        return process;
    }

    /** The output lines so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public boolean printed(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
    }

    /**
     * Waits until the process printed a line containing {@code text}.
     *
     * @throws AssertionError if it ends first or {@code timeout} passes, with its output
     */
    public void awaitPrinted(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!printed(text)) {
            if (!process.isAlive()) {
                reader.join(10_000); // the rest of its output
            }
            if (!printed(text) && (!process.isAlive() || System.nanoTime() - deadline > 0)) {
                throw new AssertionError("expected '" + text + "' from the child JVM; its output:\n" + String.join("\n", lines()));
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits (up to {@code timeout}) until the process ends with exit code 0 after printing {@code text}.
     *
     * @throws AssertionError otherwise, with its output
     */
    public void awaitSuccess(String text, Duration timeout) throws InterruptedException {
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (ended) {
            reader.join(10_000); // the rest of its output
        }
        if (!ended || process.exitValue() != 0) {
            throw new AssertionError("the child JVM " + (ended ? "ended with exit code " + process.exitValue() : "did not end")
                    + "; its output:\n" + String.join("\n", lines()));
        }
        awaitPrinted(text, Duration.ofSeconds(10));
    }

    /** Kills the process (if it still runs) and waits for it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
