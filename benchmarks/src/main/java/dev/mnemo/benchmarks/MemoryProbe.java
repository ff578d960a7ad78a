package dev.mnemo.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Heap and resident-set readings for "how much memory does an index take". Heap is read after
 * full collections; the resident set (Linux {@code /proc/self/status}) also shows native memory
 * such as FAISS's, which the GC cannot see. With a fixed, pre-touched heap ({@code -Xms = -Xmx},
 * {@code -XX:+AlwaysPreTouch}, as the runner starts build forks) heap growth does not move the
 * resident set, so its delta is native memory.
 *
 * @param heapUsed bytes of live heap
 * @param resident resident set size in bytes, or -1 where {@code /proc} is missing
 */
public record MemoryProbe(long heapUsed, long resident) {

    /** A reading after the garbage collector settled. */
    public static MemoryProbe read() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new MemoryProbe(heap, residentBytes());
    }

    /** This reading minus an earlier one. */
    public MemoryProbe minus(MemoryProbe before) {
        return new MemoryProbe(heapUsed - before.heapUsed,
                resident < 0 || before.resident < 0 ? -1 : resident - before.resident);
    }

    static long residentBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
