package dev.mnemo.api.vector;

import dev.mnemo.api.Availability;
import java.nio.file.Path;

/**
 * Creates and opens {@link VectorIndex}es of one backend. Found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.mnemo.api.vector.VectorIndexProvider})
 * and chosen by {@link #name()}. Implementations are stateless and thread-safe and have a public
 * no-argument constructor; loading a provider must not fail even where its backend cannot run
 * (report that through {@link #availability()} instead).
 */
public interface VectorIndexProvider {

    /** Stable short name used in configuration: {@code exact}, {@code faiss}, {@code jvector}. */
    String name();

    /**
     * Whether this backend can run here; when not, the reason (e.g. "libjniFaiss.so: undefined
     * symbol ..."). Cheap after the first call.
     */
    Availability availability();

    /**
     * A new empty index. The caller owns it.
     *
     * @throws dev.mnemo.api.ProviderUnavailableException when {@link #availability()} is negative
     * @throws dev.mnemo.api.InvalidInputException        for a malformed option
     */
    VectorIndex create(IndexSpec spec);

    /**
     * Loads an index written by {@link VectorIndex#save}. The caller owns it.
     *
     * @throws dev.mnemo.api.CorruptFileException when the file is truncated, of another backend or
     *         format version, or its dimension or metric differ from the spec; nothing is loaded
     * @throws dev.mnemo.api.StorageException    when it cannot be read
     */
    VectorIndex load(Path file, IndexSpec spec);
}
