package dev.mnemo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextDataTest {

    @Test
    void fortunesAreDistinctNonEmptyEntriesInAFixedOrder() {
        assumeTrue(Files.isDirectory(TextData.FORTUNES), "Debian's fortunes are not installed (scripts/setup.sh)");
        List<String> texts = TextData.texts(1);
        assertThat(texts).hasSizeGreaterThan(11_000).doesNotHaveDuplicates()
                .allMatch(t -> !t.isBlank() && !t.startsWith("%\n") && !t.endsWith("\n%") && t.indexOf('\u001B') < 0);
        assertThat(TextData.texts(1).subList(0, 50)).isEqualTo(texts.subList(0, 50));
        assertThat(TextData.texts(2).get(0)).isNotEqualTo(texts.get(0));
    }

    @Test
    void colourEscapesAreRemovedEvenWhenNested() {
        assertThat(TextData.stripEscapes("\u001B[32m题目\u001B[m and \u001B[\u001B[0m;mtext ")).isEqualTo("题目 and text");
    }
}
