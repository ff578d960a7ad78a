package dev.mnemo.core.store;

import dev.mnemo.testkit.MemoryStoreContract;

class ExactMemoryStoreTest extends MemoryStoreContract {
    @Override
    protected String backend() {
        return "exact";
    }
}
