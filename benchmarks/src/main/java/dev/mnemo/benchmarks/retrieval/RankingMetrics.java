package dev.mnemo.benchmarks.retrieval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores of one ranked answer list against a question's evidence (binary relevance). Only the
 * first {@value #DEPTH} results are ever looked at: the benchmark searches with k = {@value #DEPTH}.
 *
 * @param recallAt5  share of the evidence in the top 5
 * @param recallAt10 share of the evidence in the top 10
 * @param hitAt10    1 when any evidence is in the top 10, else 0
 * @param reciprocalRank 1 / rank of the first evidence in the top 10, 0 when none
 * @param ndcgAt10   DCG of the top 10 over the DCG of an ideal list
 */
public record RankingMetrics(double recallAt5, double recallAt10, double hitAt10, double reciprocalRank,
                             double ndcgAt10) {
    /** How deep rankings are searched and scored. */
    public static final int DEPTH = 10;

    /**
     * Scores a ranking.
     *
     * @param ranked   result keys, best first (a repeated key counts once, at its first rank)
     * @param evidence the relevant keys, not empty
     */
    public static RankingMetrics score(List<String> ranked, Set<String> evidence) {
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException("no evidence to score against");
        }
        Set<String> seen = new HashSet<>();
        int found5 = 0;
        int found10 = 0;
        double firstHit = 0;
        double dcg = 0;
        for (int rank = 1; rank <= Math.min(DEPTH, ranked.size()); rank++) {
            String key = ranked.get(rank - 1);
            if (!seen.add(key) || !evidence.contains(key)) {
                continue;
            }
            found10++;
            if (rank <= 5) {
                found5++;
            }
            if (firstHit == 0) {
                firstHit = 1.0 / rank;
            }
            dcg += gain(rank);
        }
        double ideal = 0;
        for (int rank = 1; rank <= Math.min(DEPTH, evidence.size()); rank++) {
            ideal += gain(rank);
        }
        int total = evidence.size();
        return new RankingMetrics((double) found5 / total, (double) found10 / total, found10 > 0 ? 1 : 0,
                firstHit, dcg / ideal);
    }

    private static double gain(int rank) {
        return 1.0 / (Math.log(rank + 1) / Math.log(2));
    }
}
