package dev.mnemo.core.store;

import java.util.EnumMap;
import java.util.Map;

/**
 * Splits the wall time of one search into its phases: each {@link #lap} charges the time since
 * the previous lap to a phase. One per search, used by one thread.
 */
final class PhaseTimer {
    /** The phases of {@link SearchPipeline}, in order. */
    enum Phase {
        /** Embedding the query. */
        EMBED,
        /** The one read that resolves the filters, the change-log position and the keyword leg. */
        FILTER,
        /** The keyword leg's query (inside the FILTER read). */
        KEYWORD,
        /** The nearest-neighbour search, including catching up with other writers. */
        VECTOR,
        /** Fetching the rows (and the stored vectors of keyword-only hits). */
        FETCH,
        /** Fusion, threshold and recency ranking. */
        RANK
    }

    private final Map<Phase, Long> nanos = new EnumMap<>(Phase.class);
    private long last = System.nanoTime();

    /** Charges the time since the previous lap (or the start) to {@code phase}. */
    void lap(Phase phase) {
        long now = System.nanoTime();
        nanos.merge(phase, now - last, Long::sum);
        last = now;
    }

    /** Adds time measured elsewhere (a query embedded before the pipeline started). */
    void add(Phase phase, long value) {
        nanos.merge(phase, value, Long::sum);
    }

    long nanos(Phase phase) {
        return nanos.getOrDefault(phase, 0L);
    }
}
