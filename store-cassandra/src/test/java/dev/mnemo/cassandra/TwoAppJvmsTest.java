package dev.mnemo.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.cassandra.node.CassandraNode;
import dev.mnemo.cassandra.node.CassandraNodeExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two application JVMs on one node, as two app servers would be: this test's JVM and a child
 * ({@link AppJvmMain}) write to the same store at once, then each finds every record the other
 * acknowledged, by id and by search.
 */
@Tag("cassandra")
@ExtendWith(CassandraNodeExtension.class)
class TwoAppJvmsTest {
    private static final int PER_JVM = 30;

    static String text(String who, int i) {
        return who + " application writes memory number " + i;
    }

    @Test
    void eachJvmFindsTheRecordsTheOtherAcknowledged(CassandraNode node, @TempDir Path dir) throws Exception {
        String name = StoreFixture.freshName("two-jvms");
        Path stderr = dir.resolve("child.err");
        Process child = startChild(node, name, stderr);
        try (CassandraMemory memory = CassandraMemory.open(StoreFixture.config(node, StoreFixture.KEYSPACE).build(),
                StoreFixture.MODEL)) {
            CassandraMemoryStore store = memory.store(name);
            BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            // the child has opened its memory and starts writing: write alongside it
            String first = fromChild.readLine();
            assertThat(first).as("child output; its stderr:\n%s", tail(stderr)).startsWith("NODE ");
            assertThat(Integer.parseInt(first.substring(5))).isNotEqualTo(memory.idNode());
            List<MemoryRecord> mine = new ArrayList<>();
            for (int i = 0; i < PER_JVM; i++) {
                mine.add(store.add(MemoryDraft.of(RecordType.CONVERSATION, text("parent", i), null)));
            }
            List<Long> theirs = new ArrayList<>();
            for (String line = fromChild.readLine(); !"WRITTEN".equals(line); line = fromChild.readLine()) {
                assertThat(line).as("child output; its stderr:\n%s", tail(stderr)).isNotNull().startsWith("ID ");
                theirs.add(Long.parseLong(line.substring(3)));
            }
            assertThat(theirs).hasSize(PER_JVM);

            // this JVM finds the child's records
            for (int i = 0; i < theirs.size(); i++) {
                long id = theirs.get(i);
                assertThat(store.get(id)).map(MemoryRecord::text).contains(text("child", i));
                List<MemoryHit> hits = store.search(text("child", i), SearchRequest.builder().k(1).recencyWeight(0).build());
                assertThat(hits).extracting(h -> h.record().id()).containsExactly(id);
            }
            // the child finds this JVM's records
            try (Writer toChild = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
                for (int i = 0; i < mine.size(); i++) {
                    toChild.write(mine.get(i).id() + "\t" + text("parent", i) + "\n");
                }
                toChild.write("END\n");
            }
            List<String> answers = new ArrayList<>();
            for (String line = fromChild.readLine(); !"DONE".equals(line); line = fromChild.readLine()) {
                assertThat(line).as("child output; its stderr:\n%s", tail(stderr)).isNotNull();
                answers.add(line);
            }
            assertThat(answers).hasSize(PER_JVM).allMatch(a -> a.startsWith("FOUND "));
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(tail(stderr)).isZero();
            assertThat(store.stats().totalRecords()).isEqualTo(2L * PER_JVM);
        } finally {
            child.destroyForcibly();
        }
    }

    private static Process startChild(CassandraNode node, String name, Path stderr) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), AppJvmMain.class.getName(),
                String.valueOf(node.nativePort()), StoreFixture.KEYSPACE, name, String.valueOf(PER_JVM))
                .redirectError(stderr.toFile())
                .start();
    }

    private static String tail(Path stderr) {
        try {
            List<String> lines = Files.readAllLines(stderr);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
