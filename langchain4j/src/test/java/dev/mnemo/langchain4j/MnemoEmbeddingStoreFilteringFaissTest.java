package dev.mnemo.langchain4j;

/** {@link FilteringSuite} on the {@code faiss} backend. */
class MnemoEmbeddingStoreFilteringFaissTest extends FilteringSuite {
    @Override
    String backend() {
        return "faiss";
    }
}
