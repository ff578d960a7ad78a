package dev.mnemo.backend.faiss;

import dev.mnemo.testkit.IndexRebuildContract;
import org.junit.jupiter.api.BeforeAll;

/** Searches on the native FAISS backend while the store rebuilds its index: a freed index would crash the JVM. */
class FaissIndexRebuildTest extends IndexRebuildContract {
    @BeforeAll
    static void requireFaiss() {
        FaissTestSupport.provider();
    }

    @Override
    protected String backend() {
        return "faiss";
    }
}
