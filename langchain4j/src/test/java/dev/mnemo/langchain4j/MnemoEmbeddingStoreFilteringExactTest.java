package dev.mnemo.langchain4j;

/** {@link FilteringSuite} on the {@code exact} backend. */
class MnemoEmbeddingStoreFilteringExactTest extends FilteringSuite {
    @Override
    String backend() {
        return "exact";
    }
}
