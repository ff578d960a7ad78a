package dev.mnemo.benchmarks;

import dev.mnemo.api.vector.IndexCheckpoint;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorIndexProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a variant's index over a workload once per run and keeps it as an index file, so that
 * the forks of other search-time options and selectivities load it in seconds instead of
 * rebuilding an HNSW graph for minutes. Build time itself is measured by {@link BuildBenchmark},
 * never here.
 */
public final class IndexCache {
    private IndexCache() {
    }

    /**
     * The variant's index over every workload vector (id = row), loaded from the cache when built
     * before with the same build options and data. The caller owns and closes it.
     */
    public static VectorIndex open(Backends backends, Variant variant, Workload workload, Path cacheDir) {
        VectorIndexProvider provider = backends.provider(variant);
        Path file = cacheDir.resolve("index").resolve(variant.buildKey() + "-" + workload.key() + ".index");
        if (Files.exists(file)) {
            VectorIndex loaded = provider.load(file, variant.spec(workload.dimension()));
            if (loaded.size() == workload.size()) {
                return loaded;
            }
            loaded.close();
        }
        VectorIndex index = provider.create(variant.spec(workload.dimension()));
        try {
            index.addAll(workload.ids(), workload.vectors());
            index.save(file, new IndexCheckpoint("benchmark", workload.size()));
            return index;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }
}
