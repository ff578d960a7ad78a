package dev.mnemo.core.store;

import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.core.spi.KeywordMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal-rank fusion of the two legs' candidate lists: a candidate scores
 * {@code sum over the legs that returned it of 1 / (k + rank)}, rank 1-based. Only ranks count, so
 * BM25 and cosine similarity, which live on unrelated scales, need no calibration against each
 * other. Ties (the same fused score) go to the better vector rank, then the lower id.
 */
final class Fusion {
    private Fusion() {
    }

    /**
     * One fused candidate.
     *
     * @param similarity the vector leg's score, or NaN when the vector leg did not return it
     * @param bm25       the keyword leg's score, or 0 when the keyword leg did not return it
     */
    record Candidate(long id, int vectorRank, double similarity, int keywordRank, double bm25, double fused) {
        boolean scoredByVector() {
            return vectorRank > 0;
        }
    }

    /** The candidates of both lists (either may be empty), best fused score first. */
    static List<Candidate> fuse(List<Neighbor> vector, List<KeywordMatch> keyword, int k) {
        Map<Long, Candidate> byId = new LinkedHashMap<>();
        for (int i = 0; i < vector.size(); i++) {
            Neighbor n = vector.get(i);
            byId.put(n.id(), new Candidate(n.id(), i + 1, n.score(), 0, 0, 1.0 / (k + i + 1)));
        }
        for (int i = 0; i < keyword.size(); i++) {
            KeywordMatch m = keyword.get(i);
            Candidate v = byId.get(m.id());
            double part = 1.0 / (k + i + 1);
            byId.put(m.id(), v == null
                    ? new Candidate(m.id(), 0, Double.NaN, i + 1, m.bm25(), part)
                    : new Candidate(m.id(), v.vectorRank(), v.similarity(), i + 1, m.bm25(), v.fused() + part));
        }
        List<Candidate> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparingDouble(Candidate::fused).reversed()
                .thenComparingInt(c -> c.vectorRank() == 0 ? Integer.MAX_VALUE : c.vectorRank())
                .thenComparingLong(Candidate::id));
        return out;
    }

    /** The best possible fused score with this many legs: rank 1 in each. */
    static double maximum(int legs, int k) {
        return legs / (k + 1.0);
    }
}
