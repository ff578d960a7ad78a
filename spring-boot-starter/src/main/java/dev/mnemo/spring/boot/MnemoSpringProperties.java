package dev.mnemo.spring.boot;

import dev.mnemo.api.SearchMode;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's own settings, under {@code mnemo.spring}. Mnemo's settings ({@code mnemo.data-dir},
 * {@code mnemo.vector.*}, {@code mnemo.embedding.*}, ...) are read by {@link MnemoConfigFactory}.
 */
@ConfigurationProperties(prefix = "mnemo.spring")
public class MnemoSpringProperties {
    /** Whether the starter configures Mnemo at all. */
    private boolean enabled = true;
    /** The character whose store the MemoryStore bean is ({@code <data-dir>/memory/<character>/}). */
    private String character = "default";
    /** A story id: when set, the MemoryStore bean is that story's store ({@code <data-dir>/saves/<story>/}) instead. */
    private String story;
    /** The record type the VectorStore stores its documents as (a label: documents are found by their id key). */
    private String documentType = "document";
    /**
     * How the VectorStore ranks: {@code vector} (cosine similarity, as every Spring AI store),
     * {@code hybrid} (fused with the keyword leg, Mnemo's best retrieval) or {@code keyword}.
     */
    private SearchMode searchMode = SearchMode.VECTOR;
    private final Embedding embedding = new Embedding();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getCharacter() {
        return character;
    }

    public void setCharacter(String character) {
        this.character = character;
    }

    public String getStory() {
        return story;
    }

    public void setStory(String story) {
        this.story = story;
    }

    public String getDocumentType() {
        return documentType;
    }

    public void setDocumentType(String documentType) {
        this.documentType = documentType;
    }

    public SearchMode getSearchMode() {
        return searchMode;
    }

    public void setSearchMode(SearchMode searchMode) {
        this.searchMode = searchMode;
    }

    public Embedding getEmbedding() {
        return embedding;
    }

    /** Which embedding model the stores use. */
    public static class Embedding {
        /**
         * {@code mnemo}: Mnemo's own model, chosen by {@code mnemo.embedding.provider} (default
         * {@code onnx}, local and offline). {@code spring-ai}: the application's Spring AI
         * EmbeddingModel bean (there must be exactly one).
         */
        private Source source = Source.MNEMO;
        /**
         * With {@code source=spring-ai}: the name stores record for the model; name the model and
         * its version (e.g. {@code openai:text-embedding-3-small}), since a store refuses to open with
         * a model of another name.
         */
        private String name;

        public Source getSource() {
            return source;
        }

        public void setSource(Source source) {
            this.source = source;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    /** Where the embedding model comes from. */
    public enum Source {
        /** Mnemo's configured provider ({@code mnemo.embedding.provider}). */
        MNEMO,
        /** The application's Spring AI {@code EmbeddingModel} bean. */
        SPRING_AI
    }
}
