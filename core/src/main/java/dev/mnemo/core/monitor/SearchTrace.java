package dev.mnemo.core.monitor;

/**
 * Where the time of one search went, and how it was planned.
 *
 * @param embedNanos  embedding the query (0 for vector queries)
 * @param filterNanos resolving type/time filters to candidate ids in SQL
 * @param indexNanos  the nearest-neighbour search (including catching up with other writers)
 * @param fetchNanos  fetching the hit rows
 * @param rankNanos   threshold and ranking
 * @param plan        {@code ann} (no filter) or {@code filtered}
 * @param candidates  ids allowed by the filters, -1 without filters
 * @param filters     the filters in words, e.g. {@code types=[summary] from=...}
 * @param k           requested hits
 * @param hits        returned hits
 */
public record SearchTrace(long embedNanos, long filterNanos, long indexNanos, long fetchNanos, long rankNanos,
                          String plan, int candidates, String filters, int k, int hits) {

    public long totalNanos() {
        return embedNanos + filterNanos + indexNanos + fetchNanos + rankNanos;
    }

    /** A one-line description of the plan for reports. */
    public String describePlan() {
        return plan + (candidates >= 0 ? " candidates=" + candidates : "") + (filters.isEmpty() ? "" : " " + filters)
                + " k=" + k + " hits=" + hits;
    }
}
