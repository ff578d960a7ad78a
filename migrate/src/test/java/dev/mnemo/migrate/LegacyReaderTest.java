package dev.mnemo.migrate;

import static dev.mnemo.migrate.LegacyTestFiles.unitVectors;
import static dev.mnemo.migrate.LegacyTestFiles.writeFlatL2;
import static dev.mnemo.migrate.LegacyTestFiles.writeJson;
import static dev.mnemo.migrate.LegacyTestFiles.writeTextsPickle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.RecordType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic legacy folders, one rule of the format per test. */
class LegacyReaderTest {
    private static final int DIM = 8;

    @TempDir
    Path data;
    private LegacyScanner scanner;
    private final LegacyReader reader = new LegacyReader(new LegacyTimestamps(ZoneOffset.UTC));

    @BeforeEach
    void setUp() {
        scanner = new LegacyScanner(data);
    }

    // ---- generation 1

    @Test
    void jsonConversationTextJoinsBothPartsAndOtherTypesKeepTheAssistantPart() {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "Kafka");
        writeJson(folder.memoryJson(), List.of(
                gen1("hello", "hi there", "2024-11-01 12:28:00", "conversation"),
                gen1("ignored user part", "the ship sailed", "2024-11-01 12:29:00", "story"),
                gen1("no type", "defaults", "2024-11-01 12:30:00", null)));

        LegacyFolderPlan plan = reader.plan(folder);

        assertThat(plan.rows()).extracting(LegacyRow::text).containsExactly(
                "用户: hello\n助手: hi there", "the ship sailed", "用户: no type\n助手: defaults");
        assertThat(plan.rows()).extracting(LegacyRow::type).containsExactly(
                RecordType.CONVERSATION, new RecordType("story"), RecordType.CONVERSATION);
        LegacyRow first = plan.rows().get(0);
        assertThat(first.userMessage()).isEqualTo("hello");
        assertThat(first.assistantMessage()).isEqualTo("hi there");
        assertThat(first.generation()).isEqualTo(LegacyGeneration.JSON);
        assertThat(first.vector()).isNull();
        assertThat(first.vectorIndex()).isNull();
        assertThat(plan.jsonRows()).isEqualTo(3);
        assertThat(plan.faissRows()).isZero();
        assertThat(plan.rowsNeedingEmbedding()).isEqualTo(3);
        assertThat(plan.filesRead()).containsExactly(folder.memoryJson());
    }

    @Test
    void everyTimestampFormatIsKeptToTheMicrosecond() {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "Clock");
        writeRaw(folder.memoryJson(), "["
                + "{\"user\":\"a\",\"assistant\":\"1\",\"timestamp\":\"2024-11-01 12:28:00\"},"
                + "{\"user\":\"a\",\"assistant\":\"2\",\"timestamp\":\"2024-11-01 12:28:00.872556\"},"
                + "{\"user\":\"a\",\"assistant\":\"3\",\"timestamp\":\"2024-11-01T16:30:00.000001\"},"
                + "{\"user\":\"a\",\"assistant\":\"4\",\"timestamp\":1730497981.489986},"
                + "{\"user\":\"a\",\"assistant\":\"5\",\"timestamp\":1730497981},"
                + "{\"user\":\"a\",\"assistant\":\"6\",\"timestamp\":1730497981.4899864}]");

        LegacyFolderPlan plan = reader.plan(folder);

        assertThat(plan.rows()).extracting(LegacyRow::timestamp).containsExactly(
                Instant.parse("2024-11-01T12:28:00Z"),
                Instant.parse("2024-11-01T12:28:00.872556Z"),
                Instant.parse("2024-11-01T16:30:00.000001Z"),
                Instant.parse("2024-11-01T21:53:01.489986Z"),
                Instant.parse("2024-11-01T21:53:01Z"),
                Instant.parse("2024-11-01T21:53:01.489986Z"));
    }

    @Test
    void zoneLessTimesFollowTheReadersZone() {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "Tokyo");
        writeJson(folder.memoryJson(), List.of(gen1("a", "b", "2024-11-01 09:00:00.000500", null)));

        LegacyFolderPlan plan = new LegacyReader(new LegacyTimestamps(ZoneId.of("Asia/Tokyo"))).plan(folder);

        assertThat(plan.rows().get(0).timestamp()).isEqualTo(Instant.parse("2024-11-01T00:00:00.000500Z"));
    }

    // ---- generation 2

    @Test
    void faissRowsCarryMetadataAndTheirStoredVector() {
        LegacyFolder folder = scanner.folder(LegacyKind.STORY, "story_1");
        float[][] vectors = unitVectors(2, DIM);
        writeGen2(folder, vectors, List.of(
                gen2Conversation("u0", "a0", "2024-11-01 08:00:00.000001"),
                gen2("a note", "note", 1730448000.25)));

        LegacyFolderPlan plan = reader.plan(folder);

        assertThat(plan.kind()).isEqualTo(LegacyKind.STORY);
        assertThat(plan.faissRows()).isEqualTo(2);
        assertThat(plan.indexVectors()).isEqualTo(2);
        assertThat(plan.vectorDimension()).hasValue(DIM);
        LegacyRow conversation = plan.rows().get(0);
        assertThat(conversation.text()).isEqualTo("用户: u0\n助手: a0");
        assertThat(conversation.userMessage()).isEqualTo("u0");
        assertThat(conversation.assistantMessage()).isEqualTo("a0");
        assertThat(conversation.timestamp()).isEqualTo(Instant.parse("2024-11-01T08:00:00.000001Z"));
        assertThat(conversation.vector()).isEqualTo(vectors[0]);
        LegacyRow note = plan.rows().get(1);
        assertThat(note.type()).isEqualTo(new RecordType("note"));
        assertThat(note.userMessage()).isNull();
        assertThat(note.vectorIndex()).isEqualTo(1L);
        assertThat(note.timestamp()).isEqualTo(Instant.parse("2024-11-01T08:00:00.250Z"));
        assertThat(plan.filesRead()).containsExactly(folder.metadataJson(), folder.textsPickle(), folder.faissIndex());
    }

    @Test
    void withoutMetadataTextsComeFromThePickleAsConversationsAtTheIndexTime() throws IOException {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "NoMeta");
        writeFlatL2(folder.faissIndex(), unitVectors(3, DIM), DIM);
        writeTextsPickle(folder.textsPickle(), List.of("t0", "t1", "t2"));
        Files.setLastModifiedTime(folder.faissIndex(), FileTime.from(Instant.parse("2024-11-05T10:00:00.123456789Z")));

        LegacyFolderPlan plan = reader.plan(folder);

        assertThat(plan.rows()).extracting(LegacyRow::text).containsExactly("t0", "t1", "t2");
        assertThat(plan.rows()).allSatisfy(row -> {
            assertThat(row.type()).isEqualTo(RecordType.CONVERSATION);
            assertThat(row.timestamp()).isEqualTo(Instant.parse("2024-11-05T10:00:00.123456Z"));
        });
        assertThat(plan.warnings()).singleElement().asString().contains("NoMeta_metadata.json is missing");
    }

    @Test
    void aShortIndexLeavesTheUncoveredPositionsReportedNotInvented() {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "ShortIndex");
        writeFlatL2(folder.faissIndex(), unitVectors(2, DIM), DIM);
        writeJson(folder.metadataJson(), List.of(gen2("m0", "note", 1.0), gen2("m1", "note", 2.0),
                gen2("m2", "note", 3.0), gen2("m3", "note", 4.0)));
        writeTextsPickle(folder.textsPickle(), List.of("m0", "m1", "m2"));

        LegacyFolderPlan plan = reader.plan(folder);

        assertThat(plan.rows()).extracting(LegacyRow::text).containsExactly("m0", "m1");
        assertThat(plan.unimported()).extracting(UnimportedPosition::position).containsExactly(2, 3);
        assertThat(plan.unimported().get(0).reason()).isEqualTo("position 2 is in ShortIndex_metadata.json and "
                + "ShortIndex_texts.pkl but missing from ShortIndex_faiss.index (2 entries)");
        assertThat(plan.unimported().get(1).reason()).isEqualTo("position 3 is in ShortIndex_metadata.json but "
                + "missing from ShortIndex_faiss.index (2 entries) and ShortIndex_texts.pkl (3 entries)");
    }

    @Test
    void aShortPickleLimitsTheRowsToo() {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "ShortTexts");
        writeFlatL2(folder.faissIndex(), unitVectors(3, DIM), DIM);
        writeJson(folder.metadataJson(), List.of(gen2("m0", "note", 1.0), gen2("m1", "note", 2.0),
                gen2("m2", "note", 3.0)));
        writeTextsPickle(folder.textsPickle(), List.of("m0"));

        LegacyFolderPlan plan = reader.plan(folder);

        assertThat(plan.faissRows()).isEqualTo(1);
        assertThat(plan.unimported()).extracting(UnimportedPosition::position).containsExactly(1, 2);
    }

    @Test
    void metadataAndPickleThatDisagreeOnATextAreImportedWithAWarning() {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "Drift");
        writeFlatL2(folder.faissIndex(), unitVectors(2, DIM), DIM);
        writeJson(folder.metadataJson(), List.of(gen2("m0", "note", 1.0), gen2("m1", "note", 2.0)));
        writeTextsPickle(folder.textsPickle(), List.of("m0", "something else"));

        LegacyFolderPlan plan = reader.plan(folder);

        assertThat(plan.rows()).extracting(LegacyRow::text).containsExactly("m0", "m1");
        assertThat(plan.warnings()).singleElement().asString().startsWith("1 position(s) have a different text");
    }

    // ---- both generations

    @Test
    void aRowInBothGenerationsIsTakenOnceFromFaissWhateverTheTimeFormat() {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "Both");
        float[][] vectors = unitVectors(3, DIM);
        writeGen2(folder, vectors, List.of(
                gen2Conversation("hi", "hello", "2024-11-01T21:53:01.489986"),
                gen2Conversation("same text", "other time", "2024-11-01 10:00:00"),
                gen2("a story", "story", 1730455200.5)));
        writeJson(folder.memoryJson(), List.of(
                gen1("hi", "hello", 1730497981.489986, "conversation"),           // same instant as a number
                gen1("same text", "other time", "2024-11-01 10:00:00.000001", null), // one microsecond later
                gen1("user part is not in the text", "a story", "2024-11-01T10:00:00.500000", "story"),
                gen1("only", "in json", "2024-11-02 00:00:00", null)));

        LegacyFolderPlan plan = reader.plan(folder);

        assertThat(plan.jsonRows()).isEqualTo(4);
        assertThat(plan.faissRows()).isEqualTo(3);
        assertThat(plan.duplicatesSkipped()).isEqualTo(2);
        assertThat(plan.rows()).hasSize(5);
        assertThat(plan.rows()).extracting(LegacyRow::generation, LegacyRow::position).containsExactly(
                tuple(LegacyGeneration.FAISS, 0), tuple(LegacyGeneration.FAISS, 1), tuple(LegacyGeneration.FAISS, 2),
                tuple(LegacyGeneration.JSON, 1), tuple(LegacyGeneration.JSON, 3));
        assertThat(plan.rows().get(0).vector()).isEqualTo(vectors[0]);
    }

    @Test
    void identicalRowsWithinOneGenerationAreNeverMerged() {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "Twice");
        writeGen2(folder, unitVectors(2, DIM), List.of(
                gen2Conversation("hi", "hey", "2024-11-01 10:00:00"),
                gen2Conversation("hi", "hey", "2024-11-01 10:00:00")));
        writeJson(folder.memoryJson(), List.of(
                gen1("yo", "sup", "2024-11-01 11:00:00", null),
                gen1("yo", "sup", "2024-11-01 11:00:00", null)));

        LegacyFolderPlan plan = reader.plan(folder);

        assertThat(plan.rows()).hasSize(4);
        assertThat(plan.duplicatesSkipped()).isZero();
    }

    @Test
    void eachFaissRowAbsorbsAtMostOneJsonRow() {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "ThreeHi");
        writeGen2(folder, unitVectors(1, DIM), List.of(gen2Conversation("hi", "hey", "2024-11-01 10:00:00")));
        writeJson(folder.memoryJson(), List.of(
                gen1("hi", "hey", "2024-11-01 10:00:00", null),
                gen1("hi", "hey", "2024-11-01T10:00:00", null)));

        LegacyFolderPlan plan = reader.plan(folder);

        assertThat(plan.duplicatesSkipped()).isEqualTo(1);
        assertThat(plan.rows()).extracting(LegacyRow::generation, LegacyRow::position)
                .containsExactly(tuple(LegacyGeneration.FAISS, 0), tuple(LegacyGeneration.JSON, 1));
    }

    @Test
    void chineseFolderNamesWork() {
        LegacyFolder wolf = scanner.folder(LegacyKind.CHARACTER, "银狼");
        writeJson(wolf.memoryJson(), List.of(gen1("你好", "嗨", "2024-11-01 12:28:00", null)));
        LegacyFolder save = scanner.folder(LegacyKind.STORY, "存档_二");
        writeGen2(save, unitVectors(1, DIM), List.of(gen2Conversation("说点什么吧。", "好", "2024-11-01 12:28:00")));

        List<LegacyFolder> found = scanner.scan().folders();

        assertThat(found).extracting(LegacyFolder::relativeName).containsExactly("memory/银狼", "saves/存档_二");
        assertThat(reader.plan(found.get(0)).rows()).singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo("用户: 你好\n助手: 嗨"));
        LegacyFolderPlan savePlan = reader.plan(found.get(1));
        assertThat(savePlan.name()).isEqualTo("存档_二");
        assertThat(savePlan.filesRead()).extracting(p -> p.getFileName().toString())
                .containsExactly("存档_二_metadata.json", "存档_二_texts.pkl", "存档_二_faiss.index");
    }

    // ---- corrupt files: a clear per-folder error, never a partial plan

    @Test
    void badJsonNamesTheFileAndWhere() {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "BadJson");
        writeRaw(folder.memoryJson(), "[{\"user\": \"a\", \"assistant\": \"b\", \"timestamp\": 1}, {\"user\": ");

        assertThatThrownBy(() -> reader.plan(folder))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("BadJson_memory.json: not valid JSON")
                .hasMessageContaining("line 1")
                .satisfies(e -> assertThat(((CorruptFileException) e).file()).isEqualTo(folder.memoryJson()));
    }

    @Test
    void jsonThatIsNotAnArrayOfEntriesIsCorrupt() {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "Shape");
        writeRaw(folder.memoryJson(), "{\"user\": \"a\"}");
        assertThatThrownBy(() -> reader.plan(folder)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("expected a JSON array, found object");

        writeRaw(folder.memoryJson(), "[{\"user\": \"a\", \"assistant\": \"b\", \"timestamp\": \"soon\"}]");
        assertThatThrownBy(() -> reader.plan(folder)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("entry 0: timestamp 'soon' is neither");

        writeRaw(folder.memoryJson(), "[{\"user\": \"a\", \"timestamp\": 1}]");
        assertThatThrownBy(() -> reader.plan(folder)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("entry 0 has no 'assistant'");

        writeRaw(folder.memoryJson(), "[{\"user\": \"a\", \"assistant\": 5, \"timestamp\": 1}]");
        assertThatThrownBy(() -> reader.plan(folder)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("entry 0: 'assistant' is number, expected a string");

        writeRaw(folder.memoryJson(), "[{\"user\": \"a\", \"assistant\": \"b\", \"timestamp\": 1, \"type\": \"a b\"}]");
        assertThatThrownBy(() -> reader.plan(folder)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("entry 0: record type");

        writeRaw(folder.memoryJson(), "[] []");
        assertThatThrownBy(() -> reader.plan(folder)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void badMetadataFailsTheFolderEvenWhenTheJsonGenerationIsFine() {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "BadMeta");
        writeJson(folder.memoryJson(), List.of(gen1("a", "b", "2024-11-01 12:28:00", null)));
        writeFlatL2(folder.faissIndex(), unitVectors(1, DIM), DIM);
        writeTextsPickle(folder.textsPickle(), List.of("x"));
        writeRaw(folder.metadataJson(), "[{\"text\": \"x\", \"timestamp\": \"2024-11-01\"");

        assertThatThrownBy(() -> reader.plan(folder))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("BadMeta_metadata.json");
    }

    @Test
    void aCorruptPickleFailsTheFolder() throws IOException {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "BadPickle");
        writeGen2(folder, unitVectors(2, DIM), List.of(gen2("a", "note", 1.0), gen2("b", "note", 2.0)));
        byte[] pickle = Files.readAllBytes(folder.textsPickle());
        Files.write(folder.textsPickle(), Arrays.copyOf(pickle, pickle.length / 2));

        assertThatThrownBy(() -> reader.plan(folder))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("BadPickle_texts.pkl");
    }

    @Test
    void aTruncatedIndexFailsTheFolder() throws IOException {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "BadIndex");
        writeGen2(folder, unitVectors(2, DIM), List.of(gen2("a", "note", 1.0), gen2("b", "note", 2.0)));
        byte[] index = Files.readAllBytes(folder.faissIndex());
        Files.write(folder.faissIndex(), Arrays.copyOf(index, index.length - DIM * 4));

        assertThatThrownBy(() -> reader.plan(folder))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("BadIndex_faiss.index: truncated");
    }

    @Test
    void aMaliciousPickleFailsTheFolderAsUnsafe() throws IOException {
        LegacyFolder folder = scanner.folder(LegacyKind.CHARACTER, "Evil");
        writeGen2(folder, unitVectors(1, DIM), List.of(gen2("a", "note", 1.0)));
        try (var in = getClass().getResourceAsStream("malicious_reduce.pkl")) {
            Files.write(folder.textsPickle(), in.readAllBytes());
        }

        assertThatThrownBy(() -> reader.plan(folder))
                .isInstanceOf(UnsafePickleException.class)
                .hasMessageContaining("Evil_texts.pkl");
    }

    // ---- helpers

    private static Tuple tuple(Object... values) {
        return Tuple.tuple(values);
    }

    private static Map<String, Object> gen1(String user, String assistant, Object timestamp, String type) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("user", user);
        entry.put("assistant", assistant);
        entry.put("timestamp", timestamp);
        if (type != null) {
            entry.put("type", type);
        }
        return entry;
    }

    private static Map<String, Object> gen2Conversation(String user, String assistant, Object timestamp) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("text", "用户: " + user + "\n助手: " + assistant);
        entry.put("timestamp", timestamp);
        entry.put("type", "conversation");
        entry.put("user_message", user);
        entry.put("assistant_message", assistant);
        return entry;
    }

    private static Map<String, Object> gen2(String text, String type, Object timestamp) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("text", text);
        entry.put("timestamp", timestamp);
        entry.put("type", type);
        return entry;
    }

    /** The three generation-2 files, aligned. */
    private static void writeGen2(LegacyFolder folder, float[][] vectors, List<Map<String, Object>> metadata) {
        writeFlatL2(folder.faissIndex(), vectors, DIM);
        writeJson(folder.metadataJson(), metadata);
        List<String> texts = new ArrayList<>();
        metadata.forEach(m -> texts.add((String) m.get("text")));
        writeTextsPickle(folder.textsPickle(), texts);
    }

    private static void writeRaw(Path file, String json) {
        LegacyTestFiles.write(file, json.getBytes(StandardCharsets.UTF_8));
    }
}
