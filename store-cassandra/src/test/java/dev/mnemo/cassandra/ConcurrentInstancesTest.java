package dev.mnemo.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.cassandra.node.CassandraNode;
import dev.mnemo.cassandra.node.CassandraNodeExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two store instances (as two application processes would have) writing to one store at once. */
@Tag("cassandra")
@ExtendWith(CassandraNodeExtension.class)
class ConcurrentInstancesTest {
    private static final int BATCHES = 20;
    private static final int PER_BATCH = 25;

    @Test
    void idsAreUniqueAcrossInstancesWritingConcurrently(CassandraNode node) throws Exception {
        CassandraConfig config = StoreFixture.config(node, StoreFixture.KEYSPACE).build();
        WordHashModel model = StoreFixture.MODEL;
        String name = StoreFixture.freshName("shared");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (CassandraMemory first = CassandraMemory.open(config, model);
             CassandraMemory second = CassandraMemory.open(config, model)) {
            assertThat(first.idNode()).isNotEqualTo(second.idNode());
            CountDownLatch go = new CountDownLatch(1);
            Future<List<Long>> a = pool.submit(writer(first.store(name), "first", go));
            Future<List<Long>> b = pool.submit(writer(second.store(name), "second", go));
            go.countDown();
            List<Long> ids = new ArrayList<>(a.get(120, TimeUnit.SECONDS));
            ids.addAll(b.get(120, TimeUnit.SECONDS));

            Set<Long> distinct = new HashSet<>(ids);
            assertThat(distinct).hasSize(2 * BATCHES * PER_BATCH);
            // nothing was overwritten: every acknowledged id is a separate row
            assertThat(first.store(name).stats().totalRecords()).isEqualTo(2L * BATCHES * PER_BATCH);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<List<Long>> writer(CassandraMemoryStore store, String who, CountDownLatch go) {
        return () -> {
            go.await();
            List<Long> ids = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                List<MemoryDraft> drafts = new ArrayList<>();
                for (int i = 0; i < PER_BATCH; i++) {
                    drafts.add(MemoryDraft.of(RecordType.CONVERSATION, who + " writes record " + b + "/" + i, null));
                }
                store.addAll(drafts).stream().map(MemoryRecord::id).forEach(ids::add);
            }
            return ids;
        };
    }
}
