package dev.mnemo.core.store;

import dev.mnemo.testkit.IndexRebuildContract;

class ExactIndexRebuildTest extends IndexRebuildContract {
    @Override
    protected String backend() {
        return "exact";
    }
}
