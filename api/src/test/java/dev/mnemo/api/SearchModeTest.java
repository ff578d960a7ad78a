package dev.mnemo.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchModeTest {
    @Test
    void namesAreReadInAnyCaseAndWrittenInLowerCase() {
        assertThat(SearchMode.of(" Keyword ")).isEqualTo(SearchMode.KEYWORD);
        assertThat(SearchMode.HYBRID.label()).isEqualTo("hybrid");
        assertThat(SearchRequest.builder().build().mode()).isEqualTo(SearchMode.HYBRID);
    }

    @Test
    void anUnknownModeIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> SearchMode.of("fuzzy"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'fuzzy'").hasMessageContaining("vector").hasMessageContaining("keyword");
    }
}
