package dev.mnemo.langchain4j;

/** {@link RemovalSuite} on the {@code exact} backend. */
class MnemoEmbeddingStoreRemovalExactTest extends RemovalSuite {
    @Override
    String backend() {
        return "exact";
    }
}
