package dev.mnemo.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs on one database, as two application instances behind a load balancer: this test's JVM
 * and a {@link PgInstanceChild}. Each writes; each must find the other's acknowledged records
 * within 1 s through a search, and neither may return a record the other deleted.
 */
@ExtendWith(PgServerExtension.class)
class PostgresTwoJvmTest {
    private final PgServer server;
    private final String schema;
    @TempDir
    Path dirs;

    PostgresTwoJvmTest(PgServer server) {
        this.server = server;
        this.schema = server.freshSchema();
    }

    @Test
    void eachJvmFindsTheOthersAcknowledgedRecordsWithinOneSecondAndNoDeletedOne() throws Exception {
        try (MemoryService service = MemoryService.builder(
                PgTestConfig.postgres(TestStores.config(dirs.resolve("parent"), "exact"), server, schema).build())
                .embeddingModel(new HashingEmbeddingModel(TestStores.DIMENSION)).build();
             Child child = new Child(server.url(), schema, dirs.resolve("child"))) {
            MemoryStore store = service.character("Kafka");
            PgInstanceChild.returned(store, 0, "warming up"); // class loading and JIT, not visibility
            Map<Long, String> fromChild = new LinkedHashMap<>();
            Map<Long, String> fromParent = new LinkedHashMap<>();
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String text = "memory " + i + " " + (i % 2 == 0 ? "from the child jvm" : "from the test jvm");
                if (i % 2 == 0) {
                    long id = Long.parseLong(child.ask("ADD " + text).substring(4));
                    fromChild.put(id, text);
                    long start = System.nanoTime();
                    assertThat(within1s(store, id, text)).as("parent finds child's record %d", id).isTrue();
                    latencies.add((System.nanoTime() - start) / 1_000_000);
                } else {
                    MemoryRecord r = store.add(MemoryDraft.of(RecordType.of("note"), text, null));
                    fromParent.put(r.id(), text);
                    String answer = child.ask("FIND " + r.id() + " " + text);
                    assertThat(answer).as("child finds parent's record").startsWith("FOUND ");
                    latencies.add(Long.parseLong(answer.split(" ")[2]));
                }
            }
            // each deletes some of the other's records: neither returns them any more
            long childRecord = fromChild.keySet().iterator().next();
            long parentRecord = fromParent.keySet().iterator().next();
            assertThat(store.delete(childRecord)).isTrue();
            assertThat(child.ask("DEL " + parentRecord)).isEqualTo("DELETED " + parentRecord);
            assertThat(child.ask("ABSENT " + childRecord + " " + fromChild.get(childRecord)))
                    .isEqualTo("ABSENT " + childRecord);
            assertThat(PgInstanceChild.returned(store, parentRecord, fromParent.get(parentRecord))).isFalse();
            // nothing acknowledged was lost
            assertThat(store.stats().totalRecords()).isEqualTo(28);
            for (Map<Long, String> written : List.of(fromChild, fromParent)) {
                written.forEach((id, text) -> {
                    if (id != childRecord && id != parentRecord) {
                        assertThat(store.get(id)).as("record %d", id).map(MemoryRecord::text).contains(text);
                    }
                });
            }
            assertThat(store.verify().consistent()).isTrue();
            assertThat(latencies).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
        }
    }

    private static boolean within1s(MemoryStore store, long id, String text) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 1_000_000_000L) {
            if (PgInstanceChild.returned(store, id, text)) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** The child JVM and its line protocol. */
    private static final class Child implements AutoCloseable {
        private final Process process;
        private final PrintWriter in;
        private final BufferedReader out;

        Child(String url, String schema, Path dataDir) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    PgInstanceChild.class.getName(), url, schema, dataDir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (!"READY".equals(ready)) {
                throw new IOException("child did not start: " + ready);
            }
        }

        String ask(String line) throws IOException {
            in.println(line);
            String answer = out.readLine();
            if (answer == null) {
                throw new IOException("child exited");
            }
            return answer;
        }

        @Override
        public void close() throws InterruptedException {
            in.println("QUIT");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
