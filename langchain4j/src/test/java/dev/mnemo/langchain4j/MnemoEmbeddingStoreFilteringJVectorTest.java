package dev.mnemo.langchain4j;

/** {@link FilteringSuite} on the {@code jvector} backend. */
class MnemoEmbeddingStoreFilteringJVectorTest extends FilteringSuite {
    @Override
    String backend() {
        return "jvector";
    }
}
