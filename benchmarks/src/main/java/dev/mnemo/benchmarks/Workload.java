package dev.mnemo.benchmarks;

import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.core.index.SearchPlanner;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The vectors and queries of one benchmark size, with their exact nearest neighbours. Vector
 * {@code i} has id {@code i} in every raw index, so ids and data rows are interchangeable.
 */
public final class Workload {
    /** The synthetic clustered data of {@link ClusteredData}. */
    public static final String CLUSTERED = "clustered";
    /** Real text: Debian fortunes embedded by the onnx model ({@link TextData}), 384 dimensions. */
    public static final String FORTUNES = "fortunes";

    private final String data;
    private final long seed;
    private final int dimension;
    private final float[][] vectors;
    private final float[][] queries;

    private Workload(String data, long seed, int dimension, float[][] vectors, float[][] queries) {
        this.data = data;
        this.seed = seed;
        this.dimension = dimension;
        this.vectors = vectors;
        this.queries = queries;
    }

    /** The standard clustered data: {@code size} vectors and {@code queries} queries of a dimension. */
    public static Workload standard(int size, int dimension, int queries) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        ClusteredData data = ClusteredData.standard(dimension);
        return new Workload(CLUSTERED, data.seed(), dimension, data.vectors(size), data.queries(queries));
    }

    /**
     * The named data set ({@value #CLUSTERED} or {@value #FORTUNES}).
     *
     * @param cacheDir where embedded texts are cached
     */
    public static Workload of(String data, int size, int dimension, int queries, Path cacheDir) {
        switch (data) {
            case CLUSTERED:
                return standard(size, dimension, queries);
            case FORTUNES:
                if (dimension != TextData.DIMENSION) {
                    throw new IllegalArgumentException("fortunes are embedded in " + TextData.DIMENSION + " dimensions, not " + dimension);
                }
                float[][][] parts = TextData.embedded(size, queries, ClusteredData.DEFAULT_SEED, cacheDir);
                return new Workload(FORTUNES, ClusteredData.DEFAULT_SEED, dimension, parts[1], parts[0]);
            default:
                throw new IllegalArgumentException("unknown data '" + data + "'; known: " + CLUSTERED + ", " + FORTUNES);
        }
    }

    public int size() {
        return vectors.length;
    }

    public int dimension() {
        return dimension;
    }

    /** The data set name. */
    public String data() {
        return data;
    }

    public float[][] vectors() {
        return vectors;
    }

    public float[][] queries() {
        return queries;
    }

    /** Ids {@code 0..size-1}. */
    public long[] ids() {
        long[] ids = new long[size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return ids;
    }

    /** Bytes of the raw float32 vectors: what an index's memory is compared with. */
    public long rawVectorBytes() {
        return (long) size() * dimension * Float.BYTES;
    }

    /** A short key naming the data, for cache files. */
    public String key() {
        return (data.equals(CLUSTERED) ? "" : data + "-") + "n" + size() + "-d" + dimension + "-s" + seed;
    }

    /**
     * A fixed random subset of the ids holding {@code round(size * selectivity)} of them (at
     * least one), the same for every backend and fork.
     */
    public IdFilter filter(double selectivity) {
        if (!(selectivity > 0 && selectivity <= 1)) {
            throw new IllegalArgumentException("selectivity must be in (0, 1], got " + selectivity);
        }
        int size = size();
        int count = (int) Math.max(1, Math.round(size * selectivity));
        int[] rows = IntStream.range(0, size).toArray();
        Random random = new Random(seed ^ Double.doubleToLongBits(selectivity));
        long[] chosen = new long[count];
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(size - i);
            int swap = rows[i];
            rows[i] = rows[j];
            rows[j] = swap;
            chosen[i] = rows[i];
        }
        return IdFilter.of(chosen);
    }

    /**
     * The exact top-k ids of every query (optionally within a filter), computed with the
     * {@code exact} backend and cached on disk, since at 100k x 1024 it takes a minute.
     *
     * @param filterKey names the filter in the cache file ({@code all} for none)
     */
    public long[][] truth(Backends backends, Path cacheDir, IdFilter filter, String filterKey) {
        Path file = cacheDir.resolve("truth").resolve("truth-" + key() + "-q" + queries.length + "-k" + BenchEnv.K
                + "-" + filterKey + ".bin");
        if (Files.exists(file)) {
            long[][] cached = readTruth(file);
            if (cached.length == queries.length) {
                return cached;
            }
        }
        Variant exact = Variant.parse("exact");
        long[][] truth = new long[queries.length][];
        try (VectorIndex index = backends.provider(exact).create(exact.spec(dimension()))) {
            index.addAll(ids(), vectors);
            SearchPlanner planner = SearchPlanner.of(index.spec());
            IntStream.range(0, queries.length).parallel()
                    .forEach(q -> truth[q] = Recall.ids(planner.search(index, queries[q], BenchEnv.K, filter)));
        }
        writeTruth(file, truth);
        return truth;
    }

    private static long[][] readTruth(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            long[][] out = new long[in.readInt()][];
            for (int q = 0; q < out.length; q++) {
                out[q] = new long[in.readInt()];
                for (int i = 0; i < out[q].length; i++) {
                    out[q][i] = in.readLong();
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached ground truth " + file + " (delete the cache)", e);
        }
    }

    private static void writeTruth(Path file, long[][] truth) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(truth.length);
                for (long[] row : truth) {
                    out.writeInt(row.length);
                    for (long id : row) {
                        out.writeLong(id);
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground truth cache " + file, e);
        }
    }
}
