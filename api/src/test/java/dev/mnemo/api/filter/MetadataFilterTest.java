package dev.mnemo.api.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.SearchRequest;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataFilterTest {
    @Test
    void factoriesBuildTheTreeWithNormalisedOperands() {
        MetadataFilter f = MetadataFilter.and(MetadataFilter.eq("user_id", "u1"), MetadataFilter.gte("importance", 3),
                MetadataFilter.not(MetadataFilter.in("score", 1.5f, 2.5)));

        assertThat(f).isEqualTo(new MetadataFilter.And(List.of(
                new MetadataFilter.Compare("user_id", MetadataFilter.Operator.EQ, "u1"),
                new MetadataFilter.Compare("importance", MetadataFilter.Operator.GTE, 3L),
                new MetadataFilter.Not(new MetadataFilter.In("score", List.of(1.5, 2.5), false)))));
        assertThat(f.depth()).isEqualTo(3);
        assertThat(f.size()).isEqualTo(4);
        assertThat(MetadataFilter.notIn("k", "a", "b")).isEqualTo(new MetadataFilter.In("k", List.of("a", "b"), true));
    }

    @Test
    void badKeysAndValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> MetadataFilter.eq("user id", "u1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'user id'");
        assertThatThrownBy(() -> MetadataFilter.eq("", "u1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1-64");
        assertThatThrownBy(() -> MetadataFilter.eq("k", List.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'k'");
        assertThatThrownBy(() -> MetadataFilter.eq("k", null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> MetadataFilter.gt("k", Double.POSITIVE_INFINITY))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("finite");
        assertThatThrownBy(() -> MetadataFilter.lt("flag", false)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'flag'").hasMessageContaining("not booleans");
        assertThatThrownBy(() -> MetadataFilter.in("k", "a", 2L)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mixes a string with a number");
        assertThatThrownBy(() -> MetadataFilter.in("k")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> MetadataFilter.and()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least one");
    }

    @Test
    void hostileSizesGetAClearError() {
        assertThatThrownBy(() -> MetadataFilter.eq("k", "x".repeat(10 * 1024))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("10240 characters").hasMessageContaining("4096");
        MetadataFilter deep = MetadataFilter.exists("k");
        for (int i = 1; i < MetadataFilter.MAX_DEPTH; i++) {
            deep = MetadataFilter.not(deep);
        }
        MetadataFilter deepest = deep;
        assertThat(deepest.depth()).isEqualTo(MetadataFilter.MAX_DEPTH);
        assertThatThrownBy(() -> MetadataFilter.not(deepest)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("deeper than 32");
        assertThatThrownBy(() -> MetadataFilter.in("k", Collections.nCopies(MetadataFilter.MAX_VALUES + 1, "v")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than 10000");
        MetadataFilter big = MetadataFilter.in("k", Collections.nCopies(MetadataFilter.MAX_VALUES, "v"));
        assertThatThrownBy(() -> MetadataFilter.or(big, MetadataFilter.exists("k")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than 10000 values");
    }

    @Test
    void aSearchRequestCarriesTheFilterAndCountsItAsAFilter() {
        SearchRequest plain = SearchRequest.defaults();
        SearchRequest filtered = plain.toBuilder().metadata(MetadataFilter.exists("k")).build();

        assertThat(plain.hasFilters()).isFalse();
        assertThat(plain.metadata()).isNull();
        assertThat(filtered.hasFilters()).isTrue();
        assertThat(filtered.toBuilder().k(3).build().metadata()).isEqualTo(MetadataFilter.exists("k"));
    }
}
