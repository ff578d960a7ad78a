package dev.mnemo.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.InvalidNameException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
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

        List<LegacyFolder> found = new LegacyScanner(data).scan().folders();

        assertThat(found).extracting(LegacyFolder::kind, LegacyFolder::name).containsExactly(
                Tuple.tuple(LegacyKind.CHARACTER, "Kafka"),
                Tuple.tuple(LegacyKind.CHARACTER, "银狼"),
                Tuple.tuple(LegacyKind.STORY, "存档_二"));
        assertThat(found.get(1).directory()).isEqualTo(data.resolve("memory").resolve("银狼"));
    }

    @Test
    void anEmptyDataDirectoryHasNoFolders() {
        assertThat(new LegacyScanner(data).scan().folders()).isEmpty();
        assertThat(new LegacyScanner(data.resolve("missing")).scan().folders()).isEmpty();
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
    @ValueSource(strings = {"", " ", ".", "..", "../etc", "a/b", "/etc", "a\\b", "..\\x", "nul\0byte", "C:evil",
            "x..y", " padded", "line\nbreak"})
    void refusesNamesThatCouldLeaveTheDataDirectory(String name) {
        LegacyScanner scanner = new LegacyScanner(data);

        assertThatThrownBy(() -> scanner.find(LegacyKind.CHARACTER, name)).isInstanceOf(InvalidNameException.class);
        assertThatThrownBy(() -> scanner.folder(LegacyKind.STORY, name)).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void refusesAnOverlongName() {
        assertThatThrownBy(() -> new LegacyScanner(data).folder(LegacyKind.CHARACTER, "狼".repeat(101)))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("longer than 100");
    }

    @Test
    void acceptsOrdinaryNamesWithSpacesAndDots() {
        LegacyFolder folder = new LegacyScanner(data).folder(LegacyKind.CHARACTER, "Mr. Smith jr.");

        assertThat(folder.directory()).isEqualTo(data.resolve("memory").resolve("Mr. Smith jr."));
    }

    @Test
    void aScanListsRefusedFoldersAndKeepsTheOthers() throws IOException {
        touch("memory/ok/ok_memory.json");
        touch("memory/bad:name/bad:name_memory.json");

        LegacyScan scan = new LegacyScanner(data).scan();

        assertThat(scan.folders()).extracting(LegacyFolder::name).containsExactly("ok");
        assertThat(scan.refused()).singleElement().satisfies(r -> {
            assertThat(r.directory()).isEqualTo(data.resolve("memory/bad:name"));
            assertThat(r.reason()).contains("forbidden character");
        });
    }

    @Test
    void aParkedIndexCountsAsTheLegacyIndex() throws IOException {
        touch("memory/P/P_faiss.index.legacy");
        LegacyFolder folder = new LegacyScanner(data).folder(LegacyKind.CHARACTER, "P");

        assertThat(LegacyScanner.files(folder).faissIndex()).isEqualTo(folder.parkedFaissIndex());

        Files.writeString(folder.faissIndex(), "IxF2...");
        assertThatThrownBy(() -> LegacyScanner.files(folder))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("both P_faiss.index");
    }

    @Test
    void refusesAFolderThatLinksOutOfTheDataDirectory(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("evil_memory.json"), "[]");
        Files.createDirectories(data.resolve("memory"));
        Files.createSymbolicLink(data.resolve("memory/evil"), outside);
        LegacyScanner scanner = new LegacyScanner(data);

        assertThatThrownBy(() -> scanner.find(LegacyKind.CHARACTER, "evil"))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("leads out of");
        assertThat(scanner.scan().refused()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("leads out of"));
    }

    private void touch(String relative) throws IOException {
        Path file = data.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[]");
    }
}
