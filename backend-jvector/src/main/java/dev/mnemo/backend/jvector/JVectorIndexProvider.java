package dev.mnemo.backend.jvector;

import dev.mnemo.api.Availability;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorIndexProvider;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import java.nio.file.Path;

/**
 * The {@code jvector} backend: a pure-Java graph index (JVector). Runs on JDK 17; on JDK 20+
 * started with {@code --add-modules jdk.incubator.vector} JVector switches itself to its Panama
 * (SIMD) distance functions, which {@link #availability()} reports.
 */
public final class JVectorIndexProvider implements VectorIndexProvider {

    @Override
    public String name() {
        return JVectorIndex.NAME;
    }

    @Override
    public Availability availability() {
        try {
            String vectorization = VectorizationProvider.getInstance().getClass().getSimpleName();
            return Availability.yes("pure Java, JVector with " + vectorization + " on JDK " + Runtime.version().feature());
        } catch (RuntimeException | LinkageError e) {
            return Availability.no("JVector cannot start: " + e);
        }
    }

    /** {@inheritDoc} Options: see {@link JVectorParams} ({@code max-degree}, {@code beam-width}, ...). */
    @Override
    public VectorIndex create(IndexSpec spec) {
        return new JVectorIndex(spec);
    }

    @Override
    public VectorIndex load(Path file, IndexSpec spec) {
        return JVectorIndex.load(file, spec);
    }
}
