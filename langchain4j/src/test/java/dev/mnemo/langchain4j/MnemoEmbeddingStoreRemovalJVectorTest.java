package dev.mnemo.langchain4j;

/** {@link RemovalSuite} on the {@code jvector} backend. */
class MnemoEmbeddingStoreRemovalJVectorTest extends RemovalSuite {
    @Override
    String backend() {
        return "jvector";
    }
}
