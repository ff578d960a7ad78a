package dev.mnemo.backend.faiss;

import dev.mnemo.api.Availability;
import dev.mnemo.api.ProviderUnavailableException;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorIndexProvider;
import java.nio.file.Path;

/**
 * The {@code faiss} backend: Debian's FAISS 1.7.3 linked statically into {@code libjniFaiss}, which
 * ships inside this module's jar. Options ({@code mnemo.vector.faiss.*}): {@code factory} (FAISS
 * factory string, default {@code HNSW32}; {@code Flat}, {@code IVF256,Flat}, ...), {@code ef-search}
 * (default 64), {@code ef-construction} (default 40), {@code omp-threads} (default 1),
 * {@code purge-fraction}, and the search planner's {@code filter-exact-count} and {@code filter-exact-factor}; see {@link FaissIndex} for what
 * they steer. Stateless and thread-safe; the native library is loaded at most once per class loader.
 */
public final class FaissIndexProvider implements VectorIndexProvider {

    @Override
    public String name() {
        return FaissIndex.NAME;
    }

    /** Loads the native library on first use; when it fails, the loader's message is the reason. */
    @Override
    public Availability availability() {
        return NativeLibrary.status();
    }

    @Override
    public VectorIndex create(IndexSpec spec) {
        requireAvailable();
        return FaissIndex.create(spec);
    }

    @Override
    public VectorIndex load(Path file, IndexSpec spec) {
        requireAvailable();
        return FaissIndexFiles.load(file, spec);
    }

    /**
     * Opens an index file written by FAISS itself (e.g. Python's {@code faiss.write_index}), not by
     * {@link VectorIndex#save}. An index with an id map ({@code IndexIDMap}/{@code IndexIDMap2})
     * keeps its ids; any other index gets ids {@code 0..n-1}, its row positions (as the legacy
     * Python store used them). The file's dimension and metric must fit the spec (inner product
     * for COSINE and DOT_PRODUCT, L2 for EUCLIDEAN). The caller owns the result.
     *
     * @throws dev.mnemo.api.CorruptFileException when FAISS cannot read the file or it does not fit the spec
     */
    public VectorIndex importFaissFile(Path file, IndexSpec spec) {
        requireAvailable();
        return FaissIndexFiles.importFaissFile(file, spec);
    }

    private void requireAvailable() {
        Availability availability = availability();
        if (!availability.available()) {
            throw new ProviderUnavailableException("vector index", name(), availability.reason());
        }
    }
}
