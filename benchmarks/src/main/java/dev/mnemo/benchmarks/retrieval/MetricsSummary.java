package dev.mnemo.benchmarks.retrieval;

import java.util.Map;
import java.util.TreeMap;

/** Running means of {@link RankingMetrics} over questions, overall and per category. */
public final class MetricsSummary {
    private final Mean all = new Mean();
    private final Map<Integer, Mean> byCategory = new TreeMap<>();

    /** Adds one question's scores. */
    public void add(int category, RankingMetrics metrics) {
        all.add(metrics);
        byCategory.computeIfAbsent(category, c -> new Mean()).add(metrics);
    }

    /** Means over every question added. */
    public RankingMetrics overall() {
        return all.mean();
    }

    /** Questions added. */
    public int count() {
        return all.count;
    }

    /** Means per category (only categories that occurred), in category order. */
    public Map<Integer, RankingMetrics> perCategory() {
        Map<Integer, RankingMetrics> out = new TreeMap<>();
        byCategory.forEach((category, mean) -> out.put(category, mean.mean()));
        return out;
    }

    /** Questions per category. */
    public Map<Integer, Integer> categoryCounts() {
        Map<Integer, Integer> out = new TreeMap<>();
        byCategory.forEach((category, mean) -> out.put(category, mean.count));
        return out;
    }

    private static final class Mean {
        private int count;
        private double r5;
        private double r10;
        private double hit;
        private double rr;
        private double ndcg;

        void add(RankingMetrics m) {
            count++;
            r5 += m.recallAt5();
            r10 += m.recallAt10();
            hit += m.hitAt10();
            rr += m.reciprocalRank();
            ndcg += m.ndcgAt10();
        }

        RankingMetrics mean() {
            if (count == 0) {
                return new RankingMetrics(0, 0, 0, 0, 0);
            }
            return new RankingMetrics(r5 / count, r10 / count, hit / count, rr / count, ndcg / count);
        }
    }
}
