package dev.mnemo.langchain4j;

/** {@link RemovalSuite} on the {@code faiss} backend. */
class MnemoEmbeddingStoreRemovalFaissTest extends RemovalSuite {
    @Override
    String backend() {
        return "faiss";
    }
}
