package dev.mnemo.api;

/**
 * Every number that produced a hit's rank.
 *
 * @param mode         the legs that actually ran: a query without keyword terms runs {@link SearchMode#VECTOR}
 *                     whatever was asked
 * @param vectorRank   1-based rank in the vector leg's candidate list, 0 when the vector leg did not return it
 * @param keywordRank  1-based rank in the keyword leg's candidate list, 0 when the keyword leg did not return it
 * @param bm25         the keyword leg's BM25 score (larger is better), 0 when {@code keywordRank} is 0
 * @param fusedScore   reciprocal-rank fusion: the sum over the legs that returned the hit of
 *                     {@code 1 / (rrfK + rank)}
 * @param relevance    what the recency ranking weighs: cosine similarity in vector mode, otherwise the
 *                     fused score divided by its maximum ({@code legs / (rrfK + 1)}), in (0, 1]
 * @param note         why the search deviated from the request (e.g. no keyword terms), or {@code null}
 */
public record HitExplanation(SearchMode mode, int vectorRank, int keywordRank, double bm25, double fusedScore,
                             double relevance, String note) {

    /** The explanation of a plain vector hit at this rank and similarity. */
    public static HitExplanation vector(int rank, double similarity) {
        return new HitExplanation(SearchMode.VECTOR, rank, 0, 0, 0, similarity, null);
    }
}
