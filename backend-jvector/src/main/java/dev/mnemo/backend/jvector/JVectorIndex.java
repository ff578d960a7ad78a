package dev.mnemo.backend.jvector;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.vector.DuplicateIdException;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexFileHeader;
import dev.mnemo.api.vector.IndexFiles;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.TopNeighbors;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorMetric;
import dev.mnemo.api.vector.Vectors;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.NodeArray;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.util.PhysicalCoreExecutor;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VectorIndex} over a JVector graph (Vamana with optional HNSW-style hierarchy) built
 * incrementally in the heap. Record ids map to JVector ordinals, which are handed out in insertion
 * order and never reused.
 *
 * <h2>Thread safety</h2>
 * <ul>
 * <li>Safe: any number of concurrent {@link #search}, {@link #contains}, {@link #ids}, {@link #size}
 * calls, also while another thread adds, removes or saves. Searches take no lock that a mutation
 * holds for long: they hold the read side of a lifecycle lock that only {@link #close()} and the
 * few microseconds of freeing purged vectors take for writing.</li>
 * <li>Serialised: mutations ({@link #add}, {@link #addAll}, {@link #remove}, {@link #save}) queue
 * on one mutation lock. A batch from {@link #addAll} is inserted into the graph by JVector's
 * physical-core pool, and its ordinals become visible to searches together when it is complete.</li>
 * <li>Not atomic across calls: {@link #contains} right after a concurrent add may briefly disagree
 * with a search that already sees the new ordinal.</li>
 * </ul>
 *
 * <h2>Deletes</h2>
 * A removed id leaves the id map and its ordinal is marked deleted at once, so no search returns
 * it. The graph node stays as a routing waypoint until deleted nodes exceed {@code cleanup-ratio} of
 * the live ones (or the index is saved); then JVector's {@code removeDeletedNodes} repairs the edges
 * around them, in the removing thread, while searches continue. One exception: once a node of an
 * upper (hierarchy) level is removed, the next insert purges first, because JVector's insert
 * descends those levels through live nodes only and could otherwise link the new node to nothing.
 *
 * <h2>Filters</h2>
 * A filter passes to the graph walk as JVector {@link Bits}, so the walk keeps going until it has k
 * allowed results. A filter allowing few ids ({@code filter-exact-count}, {@code filter-exact-factor})
 * is scored exactly instead, and any walk that ends with fewer than {@code min(k, allowed ∩ present)}
 * results is completed by an exact scan, so the SPI's result count always holds.
 */
final class JVectorIndex implements VectorIndex {
    static final String NAME = "jvector";
    static final Comparator<Neighbor> BEST_FIRST =
            Comparator.comparing(Neighbor::score, Comparator.reverseOrder()).thenComparingLong(Neighbor::id);

    private static final Logger LOG = LoggerFactory.getLogger(JVectorIndex.class);
    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();
    /** Batches smaller than this are inserted in the calling thread; larger ones in parallel. */
    private static final int PARALLEL_BATCH = 256;

    private final int dimension;
    private final VectorMetric metric;
    private final JVectorParams params;
    private final GraphScoring scoring;
    private final VectorStore vectors;
    /** Replaced (under the lifecycle write lock) only when the index becomes empty; see {@link #resetGraph}. */
    private volatile GraphIndexBuilder builder;
    private volatile OnHeapGraphIndex graph;

    private final ReentrantLock mutation = new ReentrantLock();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final ConcurrentHashMap<Long, Integer> ordinalById = new ConcurrentHashMap<>();
    private final OrdinalSet deleted = new OrdinalSet();
    private final ConcurrentLinkedDeque<GraphSearcher> searchers = new ConcurrentLinkedDeque<>();

    /** Id of each ordinal; entries below {@link #published} are final. Read {@code published} first. */
    private volatile long[] idByOrdinal = new long[16];
    /** Ordinals below this are complete in the graph and may be returned by searches. */
    private volatile int published;
    private volatile long checkpoint = -1;
    private volatile boolean closed;

    // how searches were answered, for describe(): a growing fallback count means the walk is too short
    private final LongAdder graphSearches = new LongAdder();
    private final LongAdder exactFilterSearches = new LongAdder();
    private final LongAdder exactFallbacks = new LongAdder();

    // guarded by `mutation`
    private final List<Integer> unpurged = new ArrayList<>();
    /** A node above level 0 is marked deleted: purge before the next insert (see {@link #insert}). */
    private boolean upperLevelDeleted;
    private volatile long purges;
    private volatile long orphansLinked;

    JVectorIndex(IndexSpec spec) {
        this.dimension = spec.dimension();
        this.metric = spec.metric();
        this.params = JVectorParams.from(spec);
        this.scoring = GraphScoring.of(metric);
        this.vectors = new VectorStore(dimension);
        this.builder = newBuilder();
        this.graph = (OnHeapGraphIndex) builder.getGraph();
    }

    // JVector 4.0.1 deprecates its constructors for GraphIndexBuilder.builder(), whose Builder has
    // no switch for the hierarchy; the constructor is the only way to honour the `hierarchy` option
    @SuppressWarnings("deprecation")
    private GraphIndexBuilder newBuilder() {
        return new GraphIndexBuilder(scoring.buildScores(vectors),
                dimension, params.maxDegree(), params.beamWidth(), params.neighborOverflow(), params.alpha(),
                params.hierarchy(), false);
    }

    @Override
    public String backend() {
        return NAME;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public VectorMetric metric() {
        return metric;
    }

    @Override
    public void add(long id, float[] vector) {
        addAll(new long[] {id}, new float[][] {vector});
    }

    @Override
    public void addAll(long[] ids, float[][] vectorsIn) {
        if (ids.length != vectorsIn.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + vectorsIn.length + " vectors");
        }
        VectorFloat<?>[] prepared = new VectorFloat<?>[ids.length];
        for (int i = 0; i < ids.length; i++) {
            prepared[i] = VTS.createFloatVector(prepare(vectorsIn[i], "vector for id " + ids[i]));
        }
        mutation.lock();
        try {
            ensureOpen();
            Set<Long> batch = new HashSet<>();
            for (long id : ids) {
                if (ordinalById.containsKey(id) || !batch.add(id)) {
                    throw new DuplicateIdException(id);
                }
            }
            insert(ids, prepared);
        } finally {
            mutation.unlock();
        }
    }

    // caller holds `mutation`; on failure the new ordinals are marked deleted, so the index is unchanged
    private void insert(long[] ids, VectorFloat<?>[] prepared) {
        if (upperLevelDeleted) {
            // JVector 4.0.1 inserts descend the upper levels through live nodes only: where those
            // levels hold deleted nodes (often the entry node itself) the descent can find no
            // neighbours, and the new node is linked into nothing and never found again
            purgeDeleted();
        }
        int start = vectors.size();
        int end = start + ids.length;
        long[] idArray = idByOrdinal;
        if (end > idArray.length) {
            idArray = Arrays.copyOf(idArray, Math.max(end, idArray.length + (idArray.length >> 1)));
        }
        for (int i = 0; i < ids.length; i++) {
            vectors.append(prepared[i]);
            idArray[start + i] = ids[i];
        }
        idByOrdinal = idArray;
        try {
            if (ids.length >= PARALLEL_BATCH) {
                PhysicalCoreExecutor.pool().submit(() -> IntStream.range(start, end).parallel()
                        .forEach(ordinal -> builder.addGraphNode(ordinal, vectors.getVector(ordinal)))).join();
            } else {
                for (int ordinal = start; ordinal < end; ordinal++) {
                    builder.addGraphNode(ordinal, vectors.getVector(ordinal));
                }
            }
        } catch (RuntimeException | Error e) {
            for (int ordinal = start; ordinal < end; ordinal++) {
                deleted.add(ordinal);
                if (graph.containsNode(ordinal)) {
                    builder.markNodeDeleted(ordinal);
                    unpurged.add(ordinal);
                    upperLevelDeleted |= graph.getMaxLevelForNode(ordinal) > 0;
                }
            }
            published = end;
            throw e;
        }
        published = end;
        for (int i = 0; i < ids.length; i++) {
            ordinalById.put(ids[i], start + i);
        }
    }

    @Override
    public boolean remove(long id) {
        mutation.lock();
        try {
            ensureOpen();
            Integer ordinal = ordinalById.get(id);
            if (ordinal == null) {
                return false;
            }
            deleted.add(ordinal);
            ordinalById.remove(id);
            builder.markNodeDeleted(ordinal);
            unpurged.add(ordinal);
            upperLevelDeleted |= graph.getMaxLevelForNode(ordinal) > 0;
            if (ordinalById.isEmpty()) {
                resetGraph();
            } else if (unpurged.size() > params.cleanupRatio() * Math.max(64, ordinalById.size())) {
                purgeDeleted();
            }
            return true;
        } finally {
            mutation.unlock();
        }
    }

    /** Removes deleted nodes from the graph (searches keep running), then frees their vectors. */
    private void purgeDeleted() {
        if (unpurged.isEmpty()) {
            return;
        }
        builder.removeDeletedNodes();
        repairEntryNode();
        // a search that started before the purge may still hold a purged ordinal: wait for those
        lifecycle.writeLock().lock();
        try {
            unpurged.forEach(vectors::clear);
        } finally {
            lifecycle.writeLock().unlock();
        }
        purges++;
        LOG.debug("purged {} deleted nodes from the JVector graph ({} live)", unpurged.size(), ordinalById.size());
        unpurged.clear();
        upperLevelDeleted = false;
    }

    /**
     * Starts a new empty graph once every id is removed. Purging all nodes of a hierarchical graph
     * in JVector 4.0.1 leaves it without an entry point, and inserts after that link so poorly
     * that about one stored vector in eight was no longer found as its own nearest neighbour.
     */
    private void resetGraph() {
        lifecycle.writeLock().lock();
        try {
            GraphSearcher searcher;
            while ((searcher = searchers.pollFirst()) != null) {
                closeQuietly(searcher);
            }
            closeQuietly(builder);
            for (int ordinal = 0; ordinal < vectors.size(); ordinal++) {
                vectors.clear(ordinal);
            }
            unpurged.clear();
            upperLevelDeleted = false;
            builder = newBuilder();
            graph = (OnHeapGraphIndex) builder.getGraph();
            purges++;
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /**
     * Links every level-0 node that no other node links to from its nearest neighbour. Neighbour
     * pruning during later inserts can drop a node's last incoming edge; no search can reach such
     * a node, not even its own vector's (seen in about 1 of 14,000 vectors of a store with
     * interleaved adds and deletes). Called where a pass over the graph is paid anyway (save, and
     * {@link #repair} when the store opens with changes beyond the file); caller holds {@code mutation}.
     * Counted in {@code describe()} as {@code orphans-linked}.
     */
    private void linkOrphans() {
        if (graph.entryNode() == null) {
            return;
        }
        BitSet linked = new BitSet(vectors.size());
        linked.set(graph.entryNode().node);
        graph.nodeStream(0).forEach(node -> {
            var it = graph.getNeighborsIterator(0, node);
            while (it.hasNext()) {
                linked.set(it.nextInt());
            }
        });
        int[] orphans = graph.nodeStream(0).filter(node -> !linked.get(node) && !deleted.contains(node)).toArray();
        for (int orphan : orphans) {
            var it = graph.getNeighborsIterator(0, orphan);
            if (it.hasNext()) {
                int nearest = it.nextInt(); // kept best first
                var edge = new NodeArray(1);
                edge.addInOrder(orphan, scoring.compare(vectors.getVector(nearest), vectors.getVector(orphan)));
                graph.addEdges(0, nearest, edge, params.neighborOverflow());
            }
        }
        orphansLinked += orphans.length;
    }

    @Override
    public void repair() {
        mutation.lock();
        try {
            ensureOpen();
            linkOrphans();
        } finally {
            mutation.unlock();
        }
    }

    // removeDeletedNodes picks a new entry only above level 0 and leaves none if it finds none
    private void repairEntryNode() {
        if (graph.entryNode() != null || ordinalById.isEmpty()) {
            return;
        }
        for (int level = graph.getMaxLevel(); level >= 0; level--) {
            int[] nodes = graph.nodeStream(level).limit(1).toArray();
            if (nodes.length > 0) {
                builder.setEntryPoint(level, nodes[0]);
                return;
            }
        }
    }

    @Override
    public boolean contains(long id) {
        ensureOpen();
        return ordinalById.containsKey(id);
    }

    @Override
    public long[] ids() {
        ensureOpen();
        return ordinalById.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public int size() {
        ensureOpen();
        return ordinalById.size();
    }

    @Override
    public List<Neighbor> search(float[] query, int k, IdFilter filter) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        VectorFloat<?> q = VTS.createFloatVector(prepare(query, "query"));
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            int limit = published;
            long[] ids = idByOrdinal;
            int live = ordinalById.size();
            if (live == 0 || (filter != null && filter.isEmpty())) {
                return List.of();
            }
            if (filter != null && params.scoreFilterExactly(filter.size(), live, k)) {
                exactFilterSearches.increment();
                return scoreAllowed(q, k, filter, limit);
            }
            graphSearches.increment();
            List<Neighbor> hits = walkGraph(q, k, filter, limit, ids);
            if (hits.size() < k) {
                // the walk may end early (e.g. an allowed region it could not reach): never return fewer than exist
                int present = filter == null ? live : countPresent(filter, limit);
                if (hits.size() < Math.min(k, present)) {
                    exactFallbacks.increment();
                    return filter == null ? scoreAll(q, k, limit, ids) : scoreAllowed(q, k, filter, limit);
                }
            }
            return hits;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private List<Neighbor> walkGraph(VectorFloat<?> q, int k, IdFilter filter, int limit, long[] ids) {
        if (graph.entryNode() == null) {
            return List.of();
        }
        Bits accept = filter == null
                ? ordinal -> ordinal < limit && !deleted.contains(ordinal)
                : ordinal -> ordinal < limit && !deleted.contains(ordinal) && filter.contains(ids[ordinal]);
        GraphSearcher searcher = searchers.pollFirst();
        if (searcher == null) {
            searcher = new GraphSearcher(graph);
        }
        try {
            searcher.setView(graph.getView());
            SearchResult result = searcher.search(scoring.searchScores(q, vectors),
                    k, params.searchBeam(k), 0f, 0f, accept);
            List<Neighbor> hits = new ArrayList<>(result.getNodes().length);
            for (SearchResult.NodeScore node : result.getNodes()) {
                hits.add(new Neighbor(ids[node.node], scoring.toMnemo(node.score)));
            }
            hits.sort(BEST_FIRST);
            return hits;
        } finally {
            searchers.offerFirst(searcher);
        }
    }

    private List<Neighbor> scoreAllowed(VectorFloat<?> q, int k, IdFilter filter, int limit) {
        TopNeighbors top = new TopNeighbors(k);
        filter.forEach(id -> {
            Integer ordinal = ordinalById.get(id);
            if (ordinal != null && ordinal < limit && !deleted.contains(ordinal)) {
                top.offer(id, scoring.toMnemo(scoring.compare(q, vectors.getVector(ordinal))));
            }
        });
        return top.toList();
    }

    private List<Neighbor> scoreAll(VectorFloat<?> q, int k, int limit, long[] ids) {
        TopNeighbors top = new TopNeighbors(k);
        for (int ordinal = 0; ordinal < limit; ordinal++) {
            if (!deleted.contains(ordinal)) {
                top.offer(ids[ordinal], scoring.toMnemo(scoring.compare(q, vectors.getVector(ordinal))));
            }
        }
        return top.toList();
    }

    private int countPresent(IdFilter filter, int limit) {
        int[] count = {0};
        filter.forEach(id -> {
            Integer ordinal = ordinalById.get(id);
            if (ordinal != null && ordinal < limit && !deleted.contains(ordinal)) {
                count[0]++;
            }
        });
        return count[0];
    }

    @Override
    public void save(Path file, long newCheckpoint) {
        mutation.lock();
        try {
            ensureOpen();
            purgeDeleted();
            linkOrphans();
            int[] live = ordinalById.values().stream().mapToInt(Integer::intValue).sorted().toArray();
            long[] ids = idByOrdinal;
            var header = new IndexFileHeader(NAME, GraphFile.FORMAT_VERSION, dimension, metric, newCheckpoint, live.length);
            IndexFiles.write(file, header, out -> GraphFile.write(out, live, ids, vectors, graph, scoring));
            checkpoint = newCheckpoint;
        } finally {
            mutation.unlock();
        }
    }

    /** Loads a file written by {@link #save}; see {@link GraphFile} for its layout. */
    static JVectorIndex load(Path file, IndexSpec spec) {
        GraphFile.Contents contents = IndexFiles.read(file, NAME, GraphFile.FORMAT_VERSION, spec, GraphFile::read);
        JVectorIndex index = new JVectorIndex(spec);
        try {
            index.restore(contents);
            index.checkpoint = IndexFiles.readHeader(file).checkpoint();
            return index;
        } catch (IOException | RuntimeException | AssertionError e) {
            index.close();
            throw new CorruptFileException(file, "graph section cannot be restored: " + e, e);
        }
    }

    // GraphIndexBuilder.load is deprecated in 4.0.1 without a replacement for on-heap graphs
    @SuppressWarnings("deprecation")
    private void restore(GraphFile.Contents contents) throws IOException {
        int n = contents.ids().length;
        long[] idArray = new long[Math.max(16, n)];
        for (int i = 0; i < n; i++) {
            vectors.append(VTS.createFloatVector(contents.vectors()[i]));
            idArray[i] = contents.ids()[i];
            if (ordinalById.put(contents.ids()[i], i) != null) {
                throw new IllegalStateException("duplicate id " + contents.ids()[i]);
            }
        }
        idByOrdinal = idArray;
        if (n > 0) {
            GraphFile.loadGraph(graph, ByteBuffer.wrap(contents.graph()), n);
        }
        published = n;
    }

    @Override
    public long checkpoint() {
        return checkpoint;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "jvector-graph");
        out.put("metric", metric.name().toLowerCase(Locale.ROOT));
        out.putAll(params.describe());
        out.put("vectorization", VectorizationProvider.getInstance().getClass().getSimpleName());
        if (!closed) {
            out.put("size", ordinalById.size());
            out.put("graph-nodes", graph.size(0));
            out.put("graph-levels", graph.getMaxLevel() + 1);
            out.put("deleted-unpurged", graph.getDeletedNodes().cardinality());
            out.put("purges", purges);
            out.put("orphans-linked", orphansLinked);
            out.put("graph-searches", graphSearches.sum());
            out.put("exact-filter-searches", exactFilterSearches.sum());
            out.put("exact-fallbacks", exactFallbacks.sum());
        }
        return out;
    }

    @Override
    public void close() {
        mutation.lock();
        try {
            lifecycle.writeLock().lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                GraphSearcher searcher;
                while ((searcher = searchers.pollFirst()) != null) {
                    closeQuietly(searcher);
                }
                closeQuietly(builder);
                ordinalById.clear();
                idByOrdinal = new long[0];
            } finally {
                lifecycle.writeLock().unlock();
            }
        } finally {
            mutation.unlock();
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", closeable, e);
        }
    }

    private float[] prepare(float[] vector, String what) {
        return Vectors.prepare(vector, dimension, metric, what);
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("jvector index");
        }
    }
}
