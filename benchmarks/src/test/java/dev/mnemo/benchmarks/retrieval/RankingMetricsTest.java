package dev.mnemo.benchmarks.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    private static List<String> ranking(String... keys) {
        return List.of(keys);
    }

    @Test
    void oneEvidenceAtRankThree() {
        RankingMetrics m = RankingMetrics.score(ranking("a", "b", "e", "c"), Set.of("e"));
        assertThat(m.recallAt5()).isEqualTo(1.0);
        assertThat(m.recallAt10()).isEqualTo(1.0);
        assertThat(m.hitAt10()).isEqualTo(1.0);
        assertThat(m.reciprocalRank()).isCloseTo(1.0 / 3, within(1e-12));
        // DCG 1/log2(4) = 0.5 over the ideal 1/log2(2) = 1
        assertThat(m.ndcgAt10()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void twoEvidenceOneBeyondFiveAndOneMissing() {
        RankingMetrics m = RankingMetrics.score(ranking("a", "b", "c", "d", "f", "x", "g"), Set.of("x", "y"));
        assertThat(m.recallAt5()).isEqualTo(0.0);
        assertThat(m.recallAt10()).isEqualTo(0.5);
        assertThat(m.hitAt10()).isEqualTo(1.0);
        assertThat(m.reciprocalRank()).isCloseTo(1.0 / 6, within(1e-12));
        double ideal = 1 + 1 / (Math.log(3) / Math.log(2));
        assertThat(m.ndcgAt10()).isCloseTo((1 / (Math.log(7) / Math.log(2))) / ideal, within(1e-12));
    }

    @Test
    void onlyTheFirstTenCountAndARepeatCountsOnce() {
        List<String> ranked = ranking("a", "a", "b", "c", "d", "e", "f", "g", "h", "i", "z");
        RankingMetrics m = RankingMetrics.score(ranked, Set.of("a", "z"));
        assertThat(m.recallAt10()).isEqualTo(0.5);
        assertThat(m.ndcgAt10()).isCloseTo(1 / (1 + 1 / (Math.log(3) / Math.log(2))), within(1e-12));
    }

    @Test
    void nothingFoundScoresZeroAndEvidenceIsRequired() {
        assertThat(RankingMetrics.score(ranking(), Set.of("a"))).isEqualTo(new RankingMetrics(0, 0, 0, 0, 0));
        assertThatThrownBy(() -> RankingMetrics.score(ranking("a"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summaryAveragesOverallAndPerCategory() {
        MetricsSummary summary = new MetricsSummary();
        summary.add(1, new RankingMetrics(1, 1, 1, 1, 1));
        summary.add(2, new RankingMetrics(0, 0.5, 1, 0.5, 0.25));
        summary.add(2, new RankingMetrics(0, 0, 0, 0, 0));
        assertThat(summary.count()).isEqualTo(3);
        assertThat(summary.overall().recallAt10()).isCloseTo(0.5, within(1e-12));
        assertThat(summary.perCategory().get(2).recallAt10()).isCloseTo(0.25, within(1e-12));
        assertThat(summary.categoryCounts()).containsEntry(1, 1).containsEntry(2, 2);
    }
}
