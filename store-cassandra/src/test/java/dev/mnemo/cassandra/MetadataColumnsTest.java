package dev.mnemo.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.Metadata;
import dev.mnemo.api.filter.MetadataFilter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata encoding and the client-side filter semantics, without a node. */
class MetadataColumnsTest {

    @Test
    void encodingReadsBackEveryValueExactly() {
        Map<String, Object> meta = Metadata.copyOf(Map.of("s", "s:l1 ünïcode 😀", "l", Long.MAX_VALUE, "d", -0.0,
                "e", 1e300, "w", 2.0, "b", true, "empty", ""));
        Map<String, Object> back = MetadataColumns.decode(MetadataColumns.encode(meta));
        assertThat(back).isEqualTo(meta);
        assertThat(back.get("w")).isInstanceOf(Double.class);
        assertThat(MetadataColumns.decode(null)).isEmpty();
    }

    @Test
    void equalValuesShareATermAndOthersDoNot() {
        assertThat(MetadataColumns.valueTerm("k", 3L)).isEqualTo(MetadataColumns.valueTerm("k", 3.0)).isEqualTo("k=n3");
        assertThat(MetadataColumns.valueTerm("k", 0L)).isEqualTo(MetadataColumns.valueTerm("k", -0.0));
        assertThat(MetadataColumns.valueTerm("k", 9_007_199_254_740_993L))
                .isNotEqualTo(MetadataColumns.valueTerm("k", 9.007199254740992E15));
        assertThat(MetadataColumns.valueTerm("k", 0.1)).isEqualTo("k=n0.1");
        assertThat(MetadataColumns.valueTerm("k", "3")).isNotEqualTo(MetadataColumns.valueTerm("k", 3L));
        assertThat(MetadataColumns.valueTerm("k", true)).isNotEqualTo(MetadataColumns.valueTerm("k", "true"));
        String longText = "y".repeat(MetadataColumns.MAX_PLAIN_CHARS + 1);
        assertThat(MetadataColumns.valueTerm("k", longText)).hasSizeLessThan(60)
                .isNotEqualTo(MetadataColumns.valueTerm("k", longText + "y"));
        assertThat(MetadataColumns.terms(Map.of("k", 1L))).containsExactly("k", "k:n", "k=n1");
    }

    @Test
    void numbersCompareByExactValueAndStringsByCodePoint() {
        assertThat(MetadataMatch.compareNumbers(9_007_199_254_740_993L, 9.007199254740992E15)).isPositive();
        assertThat(MetadataMatch.compareNumbers(3L, 3.0)).isZero();
        assertThat(MetadataMatch.compareNumbers(-0.0, 0.0)).isZero();
        assertThat(MetadataMatch.compareNumbers(Long.MAX_VALUE, 0x1p63)).isNegative();
        Map<String, Object> emoji = Map.of("g", "😀");
        assertThat(MetadataMatch.matches(MetadataFilter.gt("g", "\uFFFD"), emoji)).isTrue();
        assertThat(MetadataMatch.matches(MetadataFilter.ne("missing", 1), emoji)).isTrue();
        assertThat(MetadataMatch.matches(MetadataFilter.notIn("missing", 1, 2), emoji)).isTrue();
        assertThat(MetadataMatch.matches(MetadataFilter.lt("missing", 1), emoji)).isFalse();
    }

    @Test
    void onlyTheTopLevelConjunctionIsPushedAndOnlyEqualityIsExact() {
        MetadataPlan eqOnly = MetadataPlan.of(MetadataFilter.and(MetadataFilter.eq("u", "a"), MetadataFilter.exists("v")));
        assertThat(eqOnly.terms()).containsExactly("u=sa", "v");
        assertThat(eqOnly.exact()).isTrue();
        MetadataPlan ranged = MetadataPlan.of(MetadataFilter.and(MetadataFilter.eq("u", "a"), MetadataFilter.gt("n", 2)));
        assertThat(ranged.terms()).containsExactly("u=sa", "n:n");
        assertThat(ranged.exact()).isFalse();
        MetadataPlan negative = MetadataPlan.of(MetadataFilter.or(MetadataFilter.eq("u", "a"), MetadataFilter.ne("u", "b")));
        assertThat(negative.terms()).isEmpty();
        assertThat(negative.exact()).isFalse();
        assertThat(negative.kinds()).containsEntry("u", Metadata.Kind.STRING);
    }
}
