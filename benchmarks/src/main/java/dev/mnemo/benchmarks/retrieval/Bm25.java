package dev.mnemo.benchmarks.retrieval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Plain Okapi BM25 (k1 1.2, b 0.75, idf {@code ln(1 + (N - df + 0.5) / (df + 0.5))}) over a
 * fixed list of texts: the baseline the report shows beside Mnemo. Not part of the product; ties
 * keep the earlier text first.
 */
public final class Bm25 {
    static final double K1 = 1.2;
    static final double B = 0.75;

    private final Function<String, List<String>> analyzer;
    private final List<Map<String, Integer>> termCounts = new ArrayList<>();
    private final int[] lengths;
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final double averageLength;

    /**
     * Indexes the texts.
     *
     * @param texts    documents; position = result index
     * @param analyzer text to terms (use the same for queries)
     */
    public Bm25(List<String> texts, Function<String, List<String>> analyzer) {
        this.analyzer = analyzer;
        this.lengths = new int[texts.size()];
        long total = 0;
        for (int i = 0; i < texts.size(); i++) {
            List<String> terms = analyzer.apply(texts.get(i));
            Map<String, Integer> counts = new HashMap<>();
            terms.forEach(t -> counts.merge(t, 1, Integer::sum));
            counts.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            termCounts.add(counts);
            lengths[i] = terms.size();
            total += terms.size();
        }
        this.averageLength = texts.isEmpty() ? 0 : (double) total / texts.size();
    }

    /** Indexes of the best {@code k} texts for the query, best first; texts sharing no term are never returned. */
    public List<Integer> search(String query, int k) {
        List<String> terms = analyzer.apply(query);
        PriorityQueue<double[]> top = new PriorityQueue<>((x, y) -> x[1] != y[1] ? Double.compare(x[1], y[1])
                : Double.compare(y[0], x[0]));
        for (int i = 0; i < lengths.length; i++) {
            double score = score(terms, i);
            if (score > 0) {
                top.add(new double[] {i, score});
                if (top.size() > k) {
                    top.poll();
                }
            }
        }
        List<Integer> out = new ArrayList<>(top.size());
        while (!top.isEmpty()) {
            out.add(0, (int) top.poll()[0]);
        }
        return out;
    }

    /** The BM25 score of text {@code document} for the query terms (a repeated query term counts each time). */
    double score(List<String> terms, int document) {
        int n = lengths.length;
        double score = 0;
        Map<String, Integer> counts = termCounts.get(document);
        for (String term : terms) {
            Integer tf = counts.get(term);
            if (tf != null) {
                double df = documentFrequency.get(term);
                double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
                score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[document] / averageLength));
            }
        }
        return score;
    }

    /** Lower-cased runs of letters and digits. */
    public static List<String> words(String text) {
        return runs(text);
    }

    /** Every pair of adjacent characters within each lower-cased run of letters and digits; a one-character run is kept whole. */
    public static List<String> characterBigrams(String text) {
        List<String> out = new ArrayList<>();
        for (String run : runs(text)) {
            int[] cps = run.codePoints().toArray();
            if (cps.length == 1) {
                out.add(run);
            }
            for (int i = 0; i + 1 < cps.length; i++) {
                out.add(new String(cps, i, 2));
            }
        }
        return out;
    }

    private static List<String> runs(String text) {
        List<String> out = new ArrayList<>();
        for (String run : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!run.isEmpty()) {
                out.add(run);
            }
        }
        return out;
    }
}
