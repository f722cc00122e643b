package dev.clusterstack.core.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * A small hand harness: warm-up rounds, then N timed rounds with {@link System#nanoTime()}, each round optionally
 * preceded by an untimed setup. Reports median, min and max in milliseconds. Not a JUnit test.
 */
final class BenchTiming {

    /** Work of one round; {@code round} counts from 0 over warm-up and timed rounds alike. */
    @FunctionalInterface
    interface Round {
        void run(int round) throws Exception;
    }

    /** Timed rounds of one measurement, in milliseconds. */
    record Sample(String name, double[] ms, Sample cpu) {
        Sample {
            ms = ms.clone();
            Arrays.sort(ms);
        }

        Sample(String name, double[] ms) {
            this(name, ms, null);
        }

        double median() {
            int n = ms.length;
            return n % 2 == 1 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
        }

        double min() {
            return ms[0];
        }

        double max() {
            return ms[ms.length - 1];
        }

        int rounds() {
            return ms.length;
        }

        /** Same rounds divided by {@code n} (e.g. per Kubernetes version). */
        Sample per(int n) {
            double[] d = new double[ms.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = ms[i] / n;
            }
            return new Sample(name, d, cpu == null ? null : cpu.per(n));
        }

        /** {@code 12.3 ms (11.9–14.0, n=20)} */
        String text() {
            return BenchTiming.ms(median()) + " ms (" + BenchTiming.ms(min()) + "–" + BenchTiming.ms(max()) + ", n=" + rounds() + ")";
        }

        @Override
        public String toString() {
            return name + ": " + text() + (cpu == null ? "" : "; thread CPU " + cpu.text());
        }
    }

    /**
     * CPU time (user + system) of the timing thread: unlike wall time it does not grow while the thread waits for a
     * core that other processes hold. Work on other threads (GC, Helm's Go threads) is not in it.
     */
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
            .getThreadMXBean();

    private BenchTiming() {
    }

    static Sample time(String name, int warmup, int rounds, Round setup, Round body) throws Exception {
        for (int i = 0; i < warmup; i++) {
            if (setup != null) {
                setup.run(i);
            }
            body.run(i);
        }
        double[] ms = new double[rounds];
        double[] cpu = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            if (setup != null) {
                setup.run(warmup + i);
            }
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            body.run(warmup + i);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Sample s = new Sample(name, ms, new Sample(name + " cpu", cpu));
        System.out.println("  " + s);
        return s;
    }

    static Sample time(String name, int warmup, int rounds, Round body) throws Exception {
        return time(name, warmup, rounds, null, body);
    }

    /**
     * Times several candidates round-robin (a, b, c, a, b, c, ...) so that a change in the load of the machine hits
     * all of them alike; returns one sample per candidate, in the given order.
     */
    static java.util.List<Sample> interleaved(int warmup, int rounds, java.util.LinkedHashMap<String, Round> candidates)
            throws Exception {
        return interleaved(warmup, rounds, candidates, null);
    }

    /** As {@link #interleaved(int, int, java.util.LinkedHashMap)}, running {@code cleanup} untimed after each run. */
    static java.util.List<Sample> interleaved(int warmup, int rounds, java.util.LinkedHashMap<String, Round> candidates,
            Round cleanup) throws Exception {
        for (int i = 0; i < warmup; i++) {
            for (Round r : candidates.values()) {
                r.run(i);
                if (cleanup != null) {
                    cleanup.run(i);
                }
            }
        }
        java.util.List<String> names = new java.util.ArrayList<>(candidates.keySet());
        double[][] ms = new double[names.size()][rounds];
        double[][] cpu = new double[names.size()][rounds];
        for (int i = 0; i < rounds; i++) {
            for (int c = 0; c < names.size(); c++) {
                Round r = candidates.get(names.get(c));
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                r.run(warmup + i);
                ms[c][i] = (System.nanoTime() - t0) / 1e6;
                cpu[c][i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
                if (cleanup != null) {
                    cleanup.run(warmup + i);
                }
            }
        }
        java.util.List<Sample> out = new java.util.ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            Sample s = new Sample(names.get(c), ms[c], new Sample(names.get(c) + " cpu", cpu[c]));
            System.out.println("  " + s);
            out.add(s);
        }
        return out;
    }

    static String ms(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double v) {
        return String.format(Locale.ROOT, v >= 10 ? "%.0f×" : "%.1f×", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%+.0f %%", v * 100);
    }
}
