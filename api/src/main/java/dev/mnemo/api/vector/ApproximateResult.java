package dev.mnemo.api.vector;

import java.util.List;

/**
 * What {@link VectorIndex#searchApproximate} found.
 *
 * @param neighbors closest first
 * @param complete  false when the search stopped because it used up its visit budget: then
 *                  better neighbours may exist that it did not reach
 */
public record ApproximateResult(List<Neighbor> neighbors, boolean complete) {
    public ApproximateResult {
        neighbors = List.copyOf(neighbors);
    }

    /** A search that ended by itself. */
    public static ApproximateResult complete(List<Neighbor> neighbors) {
        return new ApproximateResult(neighbors, true);
    }

    /** A search that used up its budget, with what it had found by then. */
    public static ApproximateResult exhausted(List<Neighbor> neighbors) {
        return new ApproximateResult(neighbors, false);
    }
}
