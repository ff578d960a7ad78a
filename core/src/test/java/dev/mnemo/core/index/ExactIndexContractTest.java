package dev.mnemo.core.index;

import dev.mnemo.api.vector.VectorIndexProvider;
import dev.mnemo.testkit.VectorIndexContract;

/** The exact (brute-force) backend against the shared backend contract. */
class ExactIndexContractTest extends VectorIndexContract {
    @Override
    protected VectorIndexProvider provider() {
        return new ExactIndexProvider();
    }
}
