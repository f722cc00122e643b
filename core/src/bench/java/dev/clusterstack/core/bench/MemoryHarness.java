package dev.clusterstack.core.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.VersionMode;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Figure 5, run in a child JVM with a small heap ({@code -Xmx256m}): loads a stack, clones its newest release to
 * {@code n} Kubernetes versions and renders + packages all of them with one {@link ReleaseBuilder#build} call.
 *
 * <p>Peak used heap: heap use only grows between collections, so its maxima are the "before GC" usages that every
 * collection reports (summed over the heap pools), plus the usage at the end. Also printed: the largest heap still
 * used after a collection (what the run really keeps alive) and the sum of the pools' own peaks (an upper bound,
 * pools peak at different times). Prints {@code KEY=value} lines for the parent; exit code 0 when the build passed.
 */
public final class MemoryHarness {

    private MemoryHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path stackFile = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);

        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        AtomicLong peakBeforeGc = new AtomicLong();
        AtomicLong maxAfterGc = new AtomicLong();
        AtomicLong collections = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
                peakBeforeGc.accumulateAndGet(sum(info.getMemoryUsageBeforeGc(), heapPools), Math::max);
                maxAfterGc.accumulateAndGet(sum(info.getMemoryUsageAfterGc(), heapPools), Math::max);
                collections.incrementAndGet();
            }, null, null);
        }

        long t0 = System.nanoTime();
        ClusterStack stack = BenchStacks.scaled(BenchStacks.load(stackFile), n);
        int built = ReleaseBuilder.build(stack, new ReleaseBuilder.Options(VersionMode.STABLE, null, out, null, null,
                false, null)).size();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long usedAtEnd = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Thread.sleep(200); // let pending GC notifications arrive
        long poolPeakSum = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.println("RELEASES=" + built);
        System.out.println("MILLIS=" + ms);
        System.out.println("PEAK_USED=" + Math.max(peakBeforeGc.get(), usedAtEnd));
        System.out.println("MAX_AFTER_GC=" + maxAfterGc.get());
        System.out.println("POOL_PEAK_SUM=" + poolPeakSum);
        System.out.println("COLLECTIONS=" + collections.get());
        System.out.println("MAX_HEAP=" + Runtime.getRuntime().maxMemory());
        System.out.println("GC=" + ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
    }

    private static long sum(Map<String, MemoryUsage> usage, Set<String> pools) {
        return usage.entrySet().stream().filter(e -> pools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed())
                .sum();
    }
}
