package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FortuneCorpusTest {
    @TempDir
    Path dir;

    @Test
    void splitsOnPercentLinesStripsColoursAndSortsByLanguage() throws IOException {
        Files.writeString(dir.resolve("en"), "First one.\n%\nSecond\n  with two lines.\n%\n\n%\n100% sure\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("zh"), "\u001B[\u001B[35;1m;m床前明月光\u001B[m\n%\n\u001B[32m《静夜思》\u001B[m 李白\n%",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("en.dat"), "index");
        Files.createSymbolicLink(dir.resolve("en.u8"), dir.resolve("en"));

        FortuneCorpus c = FortuneCorpus.load(dir);

        assertThat(c.english()).containsExactly("First one.", "Second\n  with two lines.", "100% sure");
        assertThat(c.chinese()).containsExactly("床前明月光", "《静夜思》 李白");
    }

    @Test
    void sampleSpreadsOverTheWholeList() {
        List<String> all = IntStream.range(0, 100).mapToObj(String::valueOf).toList();
        assertThat(FortuneCorpus.sample(all, 4)).containsExactly("0", "25", "50", "75");
        assertThat(FortuneCorpus.sample(all, 200)).hasSize(100);
    }

    @Test
    void aCorpusWithoutChineseNamesThePackage() throws IOException {
        Files.writeString(dir.resolve("en"), "only English\n%\n");
        Assertions.assertThatThrownBy(() -> FortuneCorpus.load(dir))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("fortunes-zh").hasMessageContaining("scripts/setup.sh")
                .extracting(e -> ((CliException) e).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
