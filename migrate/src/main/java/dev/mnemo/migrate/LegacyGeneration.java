package dev.mnemo.migrate;

/** Which file set of the Python store a row came from. */
public enum LegacyGeneration {
    /** {@code <name>_memory.json}: rows without vectors; they need the embedding model. */
    JSON,
    /** {@code <name>_faiss.index} with {@code _metadata.json} and {@code _texts.pkl}: rows with stored vectors. */
    FAISS
}
