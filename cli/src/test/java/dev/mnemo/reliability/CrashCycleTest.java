package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.store.VerifyReport;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash safety: a child JVM writes (single and batch adds, deletes, prunes) and is killed with
 * SIGKILL after a seeded random number of acknowledgements; after every kill the store is reopened
 * and every acknowledged write must be present and searchable, every acknowledged delete absent
 * from reads and searches, and the index consistent with the database. One data directory per
 * backend (index file names differ per backend), and the same directory for all cycles of a
 * backend, so later cycles recover stores that earlier kills left behind.
 */
@Tag("reliability")
class CrashCycleTest {
    /** Kill cycles per backend (about 0.5-1.3 s each on the 2-core machine). */
    private static final int CYCLES = 50;
    private static final long SEED = 20_261_129L;
    private static final int MAX_ACKS_PER_CYCLE = 60;
    private static final SearchRequest TOP10 = SearchRequest.builder().k(10).recencyWeight(0).build();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mnemo.reliability.ReliabilityBackends#available")
    void everyAcknowledgedWriteSurvivesSigkill(String backend) throws Exception {
        Path dataDir = tmp.resolve(backend);
        int cycles = CYCLES;
        Random random = new Random(SEED ^ backend.hashCode());
        HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);
        AckLedger ledger = new AckLedger();
        long lost = 0;
        long resurrected = 0;
        long searchesChecked = 0;
        long started = System.nanoTime();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            int acks = 1 + random.nextInt(MAX_ACKS_PER_CYCLE);
            runAndKill(dataDir, backend, "c" + cycle, random.nextLong(), acks, ledger);
            try (MemoryService service = verifyingService(dataDir, backend, model)) {
                MemoryStore store = service.character("crash");
                ledger.settle(id -> store.get(id).isPresent());
                VerifyReport report = store.verify();
                assertThat(report.consistent()).as("cycle %d: index consistent with database (%s)", cycle, store.indexOpenNote())
                        .isTrue();
                List<String> failures = new ArrayList<>();
                for (Map.Entry<Long, String> e : ledger.live().entrySet()) {
                    Optional<MemoryRecord> read = store.get(e.getKey());
                    if (read.isEmpty() || !read.get().text().equals(e.getValue())) {
                        lost++;
                        failures.add("acknowledged record " + e.getKey() + " " + (read.isEmpty() ? "missing" : "changed"));
                        continue;
                    }
                    List<MemoryHit> hits = store.search(model.vector(e.getValue()), TOP10);
                    searchesChecked++;
                    if (hits.stream().noneMatch(h -> h.record().id() == e.getKey())) {
                        lost++;
                        failures.add("acknowledged record " + e.getKey() + " not found by searching its own vector");
                    }
                }
                for (Map.Entry<Long, String> e : ledger.gone().entrySet()) {
                    boolean found = store.get(e.getKey()).isPresent()
                            || store.search(model.vector(e.getValue()), TOP10).stream().anyMatch(h -> h.record().id() == e.getKey());
                    searchesChecked++;
                    if (found) {
                        resurrected++;
                        failures.add("acknowledged delete of " + e.getKey() + " is visible again");
                    }
                }
                assertThat(failures).as("cycle %d on %s", cycle, backend).isEmpty();
            }
            assertThat(SqliteChecks.integrityCheck(dataDir.resolve("memory/crash/crash_memory.db")))
                    .as("cycle %d: database file after the kill", cycle).containsExactly("ok");
        }
        System.out.printf("RELIABILITY crash backend=%s cycles=%d acknowledgements=%d adds=%d deletes=%d prunes=%d"
                        + " live=%d in-flight=[%s] checks=%d lost=%d resurrected=%d seconds=%.1f%n", backend, cycles,
                ledger.acknowledgements(), ledger.adds(), ledger.deletes(), ledger.prunes(), ledger.live().size(),
                ledger.inFlight(), searchesChecked, lost, resurrected, (System.nanoTime() - started) / 1e9);
        assertThat(lost).isZero();
        assertThat(resurrected).isZero();
    }

    /**
     * The service that checks a store after a kill. This test is about durability, not recall: a
     * JVector search beam of 128 (default 50 for k = 10) keeps the rare approximate miss of a
     * stored vector by its own vector (about 4 in 100,000 on these look-alike texts) out of the
     * "lost" count. Unreachable vectors are a different matter and are caught at the default beam
     * by {@link GraphReachabilityTest}.
     */
    private static MemoryService verifyingService(Path dataDir, String backend, HashingEmbeddingModel model) {
        MnemoConfig config = TestStores.config(dataDir, backend).set("mnemo.vector.jvector.search-beam-min", "128").build();
        return MemoryService.builder(config).embeddingModel(model).build();
    }

    /** Runs one child until it has acknowledged {@code acks} operations, kills it with SIGKILL and records every complete line it wrote. */
    private void runAndKill(Path dataDir, String backend, String run, long seed, int acks, AckLedger ledger)
            throws Exception {
        Path stderr = tmp.resolve(backend + "-" + run + ".err");
        Process child = ChildJvm.start(CrashChild.class, stderr, dataDir.toString(), backend, run, Long.toString(seed));
        int seen = 0;
        try (ChildOutput out = new ChildOutput(child.getInputStream())) {
            String line;
            while (seen < acks && (line = out.next()) != null) {
                if (ledger.apply(line)) {
                    seen++;
                }
            }
            // SIGKILL: no shutdown hooks, no index save, no close. Through the handle, because
            // Process.destroyForcibly() also closes our end of the pipe and would drop the lines below.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited").isTrue();
            // lines already in the pipe were written before the kill: they are acknowledgements too
            while ((line = out.next()) != null) {
                ledger.apply(line);
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(seen).as("acknowledgements before the kill; child stderr:%n%s", ChildJvm.tail(stderr))
                .isGreaterThanOrEqualTo(acks);
    }
}
