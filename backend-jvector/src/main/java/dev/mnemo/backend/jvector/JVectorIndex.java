package dev.mnemo.backend.jvector;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.vector.AbstractVectorIndex;
import dev.mnemo.api.vector.ApproximateResult;
import dev.mnemo.api.vector.DuplicateIdException;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexCheckpoint;
import dev.mnemo.api.vector.IndexFileHeader;
import dev.mnemo.api.vector.IndexFiles;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.IndexStats;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.TopNeighbors;
import dev.mnemo.api.vector.VectorIndex;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.NodeArray;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.graph.similarity.ScoreFunction;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
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
 * short step of freeing purged vectors takes for writing.</li>
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
 * allowed results. The walk counts the vectors it scores and gives up once they exceed its visit
 * budget (JVector has no such limit itself: a score function that counts ends the walk). Whether a
 * filter is walked or scored exactly is the planner's decision, from {@link #estimatedVisits}.
 *
 * <h2>Orphans</h2>
 * Neighbour pruning during inserts can drop a node's last incoming edge, and no walk reaches such a
 * node. {@link #save} links every such level-0 node from its nearest neighbour before writing, so a
 * saved graph has none; the store saves after it replays changes on open.
 */
final class JVectorIndex extends AbstractVectorIndex {
    static final String NAME = "jvector";
    static final Comparator<Neighbor> BEST_FIRST =
            Comparator.comparing(Neighbor::score, Comparator.reverseOrder()).thenComparingLong(Neighbor::id);

    private static final Logger LOG = LoggerFactory.getLogger(JVectorIndex.class);
    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();
    /** Batches smaller than this are inserted in the calling thread; larger ones in parallel. */
    private static final int PARALLEL_BATCH = 256;

    private final int dimension;
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
    private volatile IndexCheckpoint checkpoint = IndexCheckpoint.NONE;

    // guarded by `mutation`
    private final List<Integer> unpurged = new ArrayList<>();
    /** A node above level 0 is marked deleted: purge before the next insert (see {@link #insert}). */
    private boolean upperLevelDeleted;
    private volatile long purges;
    private volatile long orphansLinked;

    JVectorIndex(IndexSpec spec) {
        super(NAME, spec);
        this.dimension = spec.dimension();
        this.params = JVectorParams.from(spec);
        this.scoring = GraphScoring.of(spec.metric());
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
    public void addAll(long[] ids, float[][] vectorsIn) {
        float[][] checked = prepareBatch(ids, vectorsIn);
        VectorFloat<?>[] prepared = new VectorFloat<?>[ids.length];
        for (int i = 0; i < ids.length; i++) {
            prepared[i] = VTS.createFloatVector(checked[i]);
        }
        mutation.lock();
        try {
            ensureOpen();
            for (long id : ids) {
                if (ordinalById.containsKey(id)) {
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
     * that stored vectors are no longer found as their own nearest neighbours.
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
     * a node, not even its own vector's (GraphReachabilityTest in the reliability suite reproduces
     * one). Called from {@link #save}, where a pass over the graph is paid anyway; caller holds
     * {@code mutation}. Counted in {@link #stats()} as {@code orphans-linked}.
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
    public ApproximateResult searchApproximate(float[] query, int k, IdFilter filter, long visitBudget) {
        VectorFloat<?> q = VTS.createFloatVector(prepareQuery(query, k));
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            int limit = published;
            long[] ids = idByOrdinal;
            if (ordinalById.isEmpty() || (filter != null && filter.isEmpty()) || graph.entryNode() == null) {
                return ApproximateResult.complete(List.of());
            }
            return walkGraph(q, k, filter, limit, ids, visitBudget);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public List<Neighbor> scoreExactly(float[] query, int k, IdFilter filter) {
        VectorFloat<?> q = VTS.createFloatVector(prepareQuery(query, k));
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            int limit = published;
            return filter == null ? scoreAll(q, k, limit, idByOrdinal) : scoreAllowed(q, k, filter, limit);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * A filtered walk must expand about {@code beam / p} nodes ({@code p = allowed / live}) of
     * {@code max-degree} neighbours each to collect its beam of allowed ones.
     */
    @Override
    public long estimatedVisits(int k, int allowed) {
        double live = ordinalById.size();
        return (long) Math.min(Long.MAX_VALUE, (double) params.searchBeam(k) * params.maxDegree() * live / Math.max(1, allowed));
    }

    private ApproximateResult walkGraph(VectorFloat<?> q, int k, IdFilter filter, int limit, long[] ids, long visitBudget) {
        Bits accept = filter == null
                ? ordinal -> ordinal < limit && !deleted.contains(ordinal)
                : ordinal -> ordinal < limit && !deleted.contains(ordinal) && filter.contains(ids[ordinal]);
        GraphSearcher searcher = searchers.pollFirst();
        if (searcher == null) {
            searcher = new GraphSearcher(graph);
        }
        SearchResult result;
        try {
            searcher.setView(graph.getView());
            result = searcher.search(budgeted(scoring.searchScores(q, vectors), visitBudget),
                    k, params.searchBeam(k), 0f, 0f, accept);
        } catch (BudgetExhausted e) {
            // the searcher stopped mid-walk: drop it rather than pool it in that state
            return ApproximateResult.exhausted(List.of());
        }
        searchers.offerFirst(searcher);
        List<Neighbor> hits = new ArrayList<>(result.getNodes().length);
        for (SearchResult.NodeScore node : result.getNodes()) {
            hits.add(new Neighbor(ids[node.node], scoring.toMnemo(node.score)));
        }
        hits.sort(BEST_FIRST);
        return ApproximateResult.complete(hits);
    }

    /** Scores through a function that ends the walk once it has scored {@code budget} vectors. */
    private static SearchScoreProvider budgeted(SearchScoreProvider scores, long budget) {
        if (budget == Long.MAX_VALUE) {
            return scores;
        }
        ScoreFunction inner = scores.scoreFunction();
        long[] visits = {0};
        ScoreFunction.ExactScoreFunction counting = node -> {
            if (++visits[0] > budget) {
                throw new BudgetExhausted();
            }
            return inner.similarityTo(node);
        };
        return new DefaultSearchScoreProvider(counting);
    }

    /** Thrown out of a walk that used up its visit budget; no stack trace, it is control flow. */
    private static final class BudgetExhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExhausted() {
            super("visit budget exhausted", null, false, false);
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

    @Override
    public void save(Path file, IndexCheckpoint newCheckpoint) {
        mutation.lock();
        try {
            ensureOpen();
            purgeDeleted();
            linkOrphans();
            int[] live = ordinalById.values().stream().mapToInt(Integer::intValue).sorted().toArray();
            long[] ids = idByOrdinal;
            var header = new IndexFileHeader(NAME, GraphFile.FORMAT_VERSION, dimension, metric(), newCheckpoint, live.length);
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
    public IndexCheckpoint checkpoint() {
        return checkpoint;
    }

    @Override
    public IndexStats stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("metric", metric().name().toLowerCase(Locale.ROOT));
        out.putAll(params.describe());
        out.put("vectorization", VectorizationProvider.getInstance().getClass().getSimpleName());
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            out.put("graph-nodes", graph.size(0));
            out.put("graph-levels", graph.getMaxLevel() + 1);
            out.put("purges", purges);
            out.put("orphans-linked", orphansLinked);
            return new IndexStats("jvector-graph", ordinalById.size(), graph.getDeletedNodes().cardinality(), out);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void close() {
        mutation.lock();
        try {
            lifecycle.writeLock().lock();
            try {
                if (!markClosed()) {
                    return;
                }
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
}
