package dev.mnemo.core.store;

import static java.lang.Character.UnicodeScript.HAN;
import static java.lang.Character.UnicodeScript.LATIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryScriptTest {
    @Test
    void theScriptOfMostLettersWins() {
        assertThat(QueryScript.dominant("北京大学在哪里？")).contains(HAN);
        assertThat(QueryScript.dominant("Where is Peking University, 北京?")).contains(LATIN);
        assertThat(QueryScript.dominant("2026-12-02 !? ...")).isEmpty();
    }

    @Test
    void aModelReadingAnyScriptReadsEveryQuery() {
        assertThat(QueryScript.unreadable("北京大学", Set.of())).isEmpty();
        assertThat(QueryScript.unreadable("北京大学", Set.of(LATIN))).contains(HAN);
        assertThat(QueryScript.unreadable("Peking University", Set.of(LATIN))).isEmpty();
        assertThat(QueryScript.unreadable("42", Set.of(LATIN))).isEmpty();
    }
}
