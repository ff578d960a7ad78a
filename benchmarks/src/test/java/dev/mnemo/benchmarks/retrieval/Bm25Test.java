package dev.mnemo.benchmarks.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class Bm25Test {

    @Test
    void wordsAreLowerCasedRunsOfLettersAndDigits() {
        assertThat(Bm25.words("Caroline: I went to the LGBTQ support-group, 2 times!"))
                .containsExactly("caroline", "i", "went", "to", "the", "lgbtq", "support", "group", "2", "times");
    }

    @Test
    void bigramsStayWithinRuns() {
        assertThat(Bm25.characterBigrams("生命数，耗完。A")).containsExactly("生命", "命数", "耗完", "a");
    }

    @Test
    void rareAndRepeatedTermsInShortTextsRankFirst() {
        Bm25 index = new Bm25(List.of(
                "the cat sat on the mat",
                "the dog",
                "the dog chased the cat around the big garden",
                "nothing in common"), Bm25::words);
        // "dog" is in two texts, "the" in three: the short dog text ranks first, the unrelated one never
        assertThat(index.search("the dog", 10)).containsExactly(1, 2, 0);
        assertThat(index.search("cat", 1)).containsExactly(0);
        assertThat(index.search("unknown words", 10)).isEmpty();
    }

    @Test
    void scoreFollowsTheOkapiFormula() {
        Bm25 index = new Bm25(List.of("a b", "c"), Bm25::words);
        // N 2, df(a) 1: idf ln(1 + 1.5 / 1.5) = ln 2; tf 1, length 2, average 1.5
        double expected = Math.log(2) * 2.2 / (1 + 1.2 * (1 - 0.75 + 0.75 * 2 / 1.5));
        assertThat(index.score(List.of("a"), 0)).isCloseTo(expected, within(1e-12));
        assertThat(index.score(List.of("a", "a"), 0)).isCloseTo(2 * expected, within(1e-12));
        assertThat(index.score(List.of("a"), 1)).isZero();
    }
}
