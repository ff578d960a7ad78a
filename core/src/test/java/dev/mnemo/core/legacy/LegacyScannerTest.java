package dev.mnemo.core.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidNameException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyScannerTest {
    @TempDir
    Path data;

    @Test
    void listsCharactersThenStoriesThatHoldLegacyFiles() throws IOException {
        touch("memory/银狼/银狼_memory.json");
        touch("memory/Kafka/Kafka_texts.pkl");
        touch("memory/empty/readme.txt");                  // no legacy file: not listed
        touch("memory/Other/Someone_memory.json");         // files of another name: not this folder's
        touch("saves/存档_二/存档_二_faiss.index");
        touch("memory/stray_memory.json");                 // a file, not a folder

        List<LegacyFolder> found = new LegacyScanner(data).scanAll();

        assertThat(found).extracting(LegacyFolder::kind, LegacyFolder::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LegacyKind.CHARACTER, "Kafka"),
                org.assertj.core.groups.Tuple.tuple(LegacyKind.CHARACTER, "银狼"),
                org.assertj.core.groups.Tuple.tuple(LegacyKind.STORY, "存档_二"));
        assertThat(found.get(1).directory()).isEqualTo(data.resolve("memory").resolve("银狼"));
    }

    @Test
    void anEmptyDataDirectoryHasNoFolders() {
        assertThat(new LegacyScanner(data).scanAll()).isEmpty();
        assertThat(new LegacyScanner(data.resolve("missing")).scanAll()).isEmpty();
    }

    @Test
    void findsOneNamedFolder() throws IOException {
        touch("saves/存档_二/存档_二_metadata.json");
        LegacyScanner scanner = new LegacyScanner(data);

        assertThat(scanner.find(LegacyKind.STORY, "存档_二")).get()
                .extracting(LegacyFolder::relativeName).isEqualTo("saves/存档_二");
        assertThat(scanner.find(LegacyKind.CHARACTER, "存档_二")).isEmpty();
        assertThat(scanner.find(LegacyKind.STORY, "nobody")).isEmpty();
    }

    @Test
    void anIndexWrittenByTheNewStoreIsNotLegacy() throws IOException {
        Path index = data.resolve("memory/New/New_faiss.index");
        Files.createDirectories(index.getParent());
        Files.write(index, "MNEMOIDX and the rest".getBytes(StandardCharsets.US_ASCII));
        touch("memory/New/New_memory.db");
        LegacyScanner scanner = new LegacyScanner(data);

        assertThat(scanner.find(LegacyKind.CHARACTER, "New")).isEmpty();

        Files.write(index, "IxF2".getBytes(StandardCharsets.US_ASCII));
        assertThat(scanner.find(LegacyKind.CHARACTER, "New")).isPresent();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", ".", "..", "../etc", "a/b", "/etc", "a\\b", "..\\x", "nul\0byte", "C:evil"})
    void refusesNamesThatCouldLeaveTheDataDirectory(String name) {
        LegacyScanner scanner = new LegacyScanner(data);

        assertThatThrownBy(() -> scanner.find(LegacyKind.CHARACTER, name)).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> scanner.folder(LegacyKind.STORY, name)).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void refusesAnOverlongName() {
        assertThatThrownBy(() -> new LegacyScanner(data).folder(LegacyKind.CHARACTER, "狼".repeat(86)))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("255 bytes");
    }

    @Test
    void acceptsNamesWithDotsThatStayInside() {
        LegacyFolder folder = new LegacyScanner(data).folder(LegacyKind.CHARACTER, "Mr. Smith..jr");

        assertThat(folder.directory()).isEqualTo(data.resolve("memory").resolve("Mr. Smith..jr"));
    }

    @Test
    void refusesAFolderThatLinksOutOfTheDataDirectory(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("evil_memory.json"), "[]");
        Files.createDirectories(data.resolve("memory"));
        Files.createSymbolicLink(data.resolve("memory/evil"), outside);
        LegacyScanner scanner = new LegacyScanner(data);

        assertThatThrownBy(() -> scanner.find(LegacyKind.CHARACTER, "evil"))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("leads out of");
        assertThatThrownBy(scanner::scanAll).isInstanceOf(InvalidNameException.class);
    }

    private void touch(String relative) throws IOException {
        Path file = data.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[]");
    }
}
