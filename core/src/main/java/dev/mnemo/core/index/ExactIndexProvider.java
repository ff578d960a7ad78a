package dev.mnemo.core.index;

import dev.mnemo.api.Availability;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorIndexProvider;
import java.nio.file.Path;

/** The {@code exact} backend: brute-force search in the JVM heap. Always available. */
public final class ExactIndexProvider implements VectorIndexProvider {

    @Override
    public String name() {
        return ExactIndex.NAME;
    }

    @Override
    public Availability availability() {
        return Availability.yes("pure Java, always available");
    }

    @Override
    public VectorIndex create(IndexSpec spec) {
        return new ExactIndex(spec);
    }

    @Override
    public VectorIndex load(Path file, IndexSpec spec) {
        return ExactIndex.load(file, spec);
    }
}
