package dev.mnemo.migrate;

import static dev.mnemo.migrate.LegacyTestFiles.assumePythonFaiss;
import static dev.mnemo.migrate.LegacyTestFiles.python;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mnemo.testkit.SharedFixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared {@code legacy-small} fixture, on a writable copy, against its {@code MANIFEST.json}. */
class LegacyFixtureTest {
    /** sha256 of the first n vectors as little-endian float32, and the hex of the first and n-th vector. */
    private static final String FAISS_DIGEST = String.join("\n",
            "import sys, hashlib, faiss, numpy as np",
            "index = faiss.read_index(sys.argv[1])",
            "n = int(sys.argv[2])",
            "x = np.ascontiguousarray(index.reconstruct_n(0, n), dtype='<f4')",
            "print(hashlib.sha256(x.tobytes()).hexdigest())",
            "print(''.join('%08x' % v for v in x[0].view('<u4')))",
            "print(''.join('%08x' % v for v in x[n - 1].view('<u4')))");

    @TempDir
    Path tmp;
    private Path data;
    private JsonNode manifest;
    private final LegacyReader reader = new LegacyReader(new LegacyTimestamps(ZoneOffset.UTC));

    @BeforeEach
    void copyFixture() throws IOException {
        SharedFixtures.copyLegacySmall(tmp.resolve("fixture"));
        data = tmp.resolve("fixture/data");
        manifest = new ObjectMapper().readTree(tmp.resolve("fixture/MANIFEST.json").toFile());
    }

    @Test
    void findsExactlyTheFoldersOfTheManifest() {
        List<String> found = new LegacyScanner(data).scan().folders().stream().map(LegacyFolder::relativeName).toList();

        List<String> expected = new ArrayList<>();
        manifest.fieldNames().forEachRemaining(expected::add);
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyCountMatchesTheManifest() {
        Map<String, LegacyFolderPlan> plans = plans();
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode want = entry.getValue();
            LegacyFolderPlan plan = plans.get(entry.getKey());
            String folder = entry.getKey();

            assertThat(plan.jsonRows()).as("%s json", folder).isEqualTo(want.path("json").asInt(0));
            assertThat(plan.indexVectors()).as("%s faiss", folder).isEqualTo(want.path("faiss").asInt(0));
            assertThat(plan.duplicatesSkipped()).as("%s overlap", folder).isEqualTo(want.path("overlap").asInt(0));
            assertThat(plan.rows()).as("%s expected_rows", folder).hasSize(want.get("expected_rows").asInt());
            List<Integer> positions = new ArrayList<>();
            want.get("unimported_positions").forEach(p -> positions.add(p.asInt()));
            assertThat(plan.unimported()).as("%s unimported_positions", folder)
                    .extracting(UnimportedPosition::position).containsExactlyElementsOf(positions);
        }
    }

    @Test
    void reportsWhyTrailblazersLastPositionsAreNotImported() {
        LegacyFolderPlan plan = plans().get("memory/Trailblazer");

        assertThat(plan.faissRows()).isEqualTo(22);
        assertThat(plan.unimported()).allSatisfy(u -> assertThat(u.reason())
                .contains("Trailblazer_faiss.index and Trailblazer_texts.pkl")
                .contains("missing from Trailblazer_metadata.json (22 entries)"));
    }

    @Test
    void faissRowsKeepTheirPositionsAndComeFirst() {
        for (LegacyFolderPlan plan : plans().values()) {
            List<LegacyRow> faiss = plan.rows().stream().filter(LegacyRow::hasVector).toList();
            for (int i = 0; i < faiss.size(); i++) {
                assertThat(faiss.get(i).vectorIndex()).isEqualTo((long) i);
                assertThat(plan.rows().get(i)).isSameAs(faiss.get(i));
            }
            assertThat(plan.rowsNeedingEmbedding()).isEqualTo(plan.rows().size() - faiss.size());
        }
    }

    @Test
    void vectorsAreBitForBitWhatPythonFaissReads() throws NoSuchAlgorithmException {
        assumePythonFaiss();
        int checked = 0;
        for (LegacyFolderPlan plan : plans().values()) {
            List<LegacyRow> faiss = plan.rows().stream().filter(LegacyRow::hasVector).toList();
            if (faiss.isEmpty()) {
                continue;
            }
            String[] expected = python(FAISS_DIGEST, plan.folder().faissIndex().toString(),
                    Integer.toString(faiss.size())).strip().split("\n");

            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (LegacyRow row : faiss) {
                float[] v = row.vector();
                assertThat(v).hasSize(1024);
                ByteBuffer bytes = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(v);
                sha.update(bytes);
            }
            assertThat(HexFormat.of().formatHex(sha.digest())).as(plan.name()).isEqualTo(expected[0]);
            assertThat(LegacyTestFiles.hex(faiss.get(0).vector())).isEqualTo(expected[1]);
            assertThat(LegacyTestFiles.hex(faiss.get(faiss.size() - 1).vector())).isEqualTo(expected[2]);
            checked++;
        }
        assertThat(checked).isEqualTo(4);
    }

    @Test
    void listsTheLegacyFilesItRead() {
        LegacyFolderPlan march = plans().get("memory/March_7th");

        assertThat(march.filesRead()).extracting(p -> p.getFileName().toString()).containsExactly(
                "March_7th_memory.json", "March_7th_metadata.json", "March_7th_texts.pkl", "March_7th_faiss.index");
        assertThat(march.warnings()).isEmpty();
    }

    private Map<String, LegacyFolderPlan> plans() {
        return new LegacyScanner(data).scan().folders().stream().map(reader::plan)
                .collect(Collectors.toMap(p -> p.folder().relativeName(), Function.identity()));
    }
}
