package dev.mnemo.backend.jvector;

import dev.mnemo.testkit.MemoryStoreContract;

/** The whole store (SQLite + change log + index keeper) on the JVector backend with its default graph. */
class JVectorMemoryStoreTest extends MemoryStoreContract {
    @Override
    protected String backend() {
        return "jvector";
    }
}
