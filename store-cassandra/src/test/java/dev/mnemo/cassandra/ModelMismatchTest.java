package dev.mnemo.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.ModelMismatchException;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.cassandra.node.CassandraNode;
import dev.mnemo.cassandra.node.CassandraNodeExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A keyspace built with one model (16 dims) refuses another model or dimension. */
@Tag("cassandra")
@ExtendWith(CassandraNodeExtension.class)
class ModelMismatchTest {
    private static final WordHashModel MODEL_16 = new WordHashModel("test-words", 16);
    private static CassandraConfig config;

    @BeforeAll
    static void createKeyspace(CassandraNode node) {
        config = StoreFixture.config(node, "mismatch").build();
        try (CassandraMemory memory = CassandraMemory.open(config, MODEL_16)) {
            memory.store("kafka").add(MemoryDraft.of(RecordType.CONVERSATION, "stored with 16 dims", null));
        }
    }

    @Test
    void anotherDimensionAgainstAnExistingTableIsRefused() {
        assertThatThrownBy(() -> CassandraMemory.open(config, new WordHashModel("test-words", 24)))
                .isInstanceOf(ModelMismatchException.class)
                .hasMessageContaining("keyspace mismatch")
                .hasMessageContaining("dimension 16")
                .hasMessageContaining("makes 24");

        // the refused open changed nothing: the keyspace still serves its own model
        try (CassandraMemory memory = CassandraMemory.open(config, MODEL_16)) {
            assertThat(memory.store("kafka").search("stored with 16 dims", SearchRequest.defaults())).hasSize(1);
        }
    }

    @Test
    void anotherModelOfTheSameDimensionIsRefused() {
        assertThatThrownBy(() -> CassandraMemory.open(config, new WordHashModel("other-model", 16)))
                .isInstanceOf(ModelMismatchException.class)
                .hasMessageContaining("test-words")
                .hasMessageContaining("other-model");
    }
}
