package dev.mnemo.backend.jvector;

import dev.mnemo.api.vector.VectorIndexProvider;
import dev.mnemo.testkit.VectorIndexContract;

/** The JVector backend against the shared backend contract, with its default graph parameters. */
class JVectorIndexContractTest extends VectorIndexContract {
    @Override
    protected VectorIndexProvider provider() {
        return new JVectorIndexProvider();
    }
}
