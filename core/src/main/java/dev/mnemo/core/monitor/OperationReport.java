package dev.mnemo.core.monitor;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Timings of a store's recent operations, as kept by its rolling operation log (they survive
 * restarts, so a later process can show them).
 *
 * @param operations      per operation name, a summary of its recent timings
 * @param slowestSearches the slowest recent searches with their plans, slowest first
 */
public record OperationReport(Map<String, Summary> operations, List<Slow> slowestSearches) {
    public OperationReport {
        operations = Map.copyOf(operations);
        slowestSearches = List.copyOf(slowestSearches);
    }

    /**
     * @param count     operations in the window
     * @param p50Millis median duration
     * @param p99Millis 99th percentile
     * @param maxMillis longest
     */
    public record Summary(long count, double p50Millis, double p99Millis, double maxMillis) {
    }

    /**
     * @param at     when it ran
     * @param millis how long it took
     * @param plan   how it was planned (see {@link SearchTrace#describePlan()})
     */
    public record Slow(Instant at, double millis, String plan) {
    }
}
