package dev.mnemo.backend.faiss;

import dev.mnemo.testkit.MemoryStoreContract;
import org.junit.jupiter.api.BeforeAll;

/** The whole store (SQLite + change log + index keeper) on the FAISS backend with its default HNSW32 index. */
class FaissMemoryStoreTest extends MemoryStoreContract {
    @BeforeAll
    static void requireFaiss() {
        FaissTestSupport.provider();
    }

    @Override
    protected String backend() {
        return "faiss";
    }
}
