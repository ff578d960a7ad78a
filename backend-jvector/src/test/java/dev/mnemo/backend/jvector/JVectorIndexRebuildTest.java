package dev.mnemo.backend.jvector;

import dev.mnemo.testkit.IndexRebuildContract;

/** Searches on the JVector backend while the store rebuilds its index. */
class JVectorIndexRebuildTest extends IndexRebuildContract {
    @Override
    protected String backend() {
        return "jvector";
    }
}
