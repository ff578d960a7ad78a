package dev.mnemo.backend.jvector;

import dev.mnemo.api.vector.IndexFileHeader;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.NodeArray;
import io.github.jbellis.jvector.graph.NodesIterator;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The payload of a {@code jvector} index file (inside {@link dev.mnemo.api.vector.IndexFiles}'
 * header and checksum). Only live vectors are written, renumbered to dense ordinals
 * {@code 0..n-1}, followed by the graph over those ordinals, so loading restores the very graph
 * that was searched (identical results) without rebuilding it:
 *
 * <pre>
 * i32 n | n x (i64 id | f32 x dimension) | i32 graphBytes | graph
 * </pre>
 *
 * The graph section uses the layout that JVector 4's {@code OnHeapGraphIndex.save} writes and
 * {@code GraphIndexBuilder.load} reads (magic, version 4, layer count, degrees, entry node, then per
 * layer each node with its neighbours and their scores). It is written here from the live graph
 * because JVector's own {@code save} demands a finished graph ({@code cleanup()}), after which the
 * graph no longer accepts concurrent inserts; and read back here ({@link #loadGraph}) because
 * JVector's loader recomputes the score of every edge, which costs far more than reading it.
 */
final class GraphFile {
    /** 2: dot-product graphs keep {@link GraphScoring}'s always-positive neighbour scores. */
    static final int FORMAT_VERSION = 2;
    private static final int JVECTOR_GRAPH_VERSION = 4;

    /** What a file held: ids and vectors by dense ordinal, and the graph bytes for JVector. */
    record Contents(long[] ids, float[][] vectors, byte[] graph) {
    }

    private GraphFile() {
    }

    /**
     * Writes the live ordinals (ascending) with their ids and vectors, then the graph remapped to
     * dense ordinals. The caller holds the index's mutation lock and has purged deleted nodes.
     */
    static void write(DataOutputStream out, int[] live, long[] idByOrdinal, VectorStore vectors,
                      OnHeapGraphIndex graph, GraphScoring scoring) throws IOException {
        int dimension = vectors.dimension();
        int[] dense = new int[vectors.size()];
        Arrays.fill(dense, -1);
        out.writeInt(live.length);
        // a record at a time through one buffer: DataOutputStream.writeFloat goes byte by byte
        ByteBuffer record = ByteBuffer.allocate(Long.BYTES + Float.BYTES * dimension);
        for (int i = 0; i < live.length; i++) {
            int ordinal = live[i];
            dense[ordinal] = i;
            record.clear();
            record.putLong(idByOrdinal[ordinal]);
            VectorFloat<?> v = vectors.getVector(ordinal);
            for (int d = 0; d < dimension; d++) {
                record.putFloat(v.get(d));
            }
            out.write(record.array());
        }
        byte[] graphBytes = live.length == 0 ? new byte[0] : graphBytes(graph, dense, vectors, scoring);
        out.writeInt(graphBytes.length);
        out.write(graphBytes);
    }

    static Contents read(DataInputStream in, IndexFileHeader header) throws IOException {
        int n = in.readInt();
        if (n != header.count()) {
            throw new IllegalStateException("payload holds " + n + " vectors, header says " + header.count());
        }
        int dimension = header.dimension();
        long[] ids = new long[n];
        float[][] data = new float[n][];
        byte[] record = new byte[Long.BYTES + Float.BYTES * dimension];
        ByteBuffer view = ByteBuffer.wrap(record); // big-endian, as DataOutput wrote it
        for (int i = 0; i < n; i++) {
            in.readFully(record);
            ids[i] = view.getLong(0);
            float[] v = new float[dimension];
            view.position(Long.BYTES);
            view.asFloatBuffer().get(v);
            data[i] = v;
        }
        int graphLength = in.readInt();
        if (graphLength < 0 || (n == 0) != (graphLength == 0)) {
            throw new IllegalStateException("graph section of " + graphLength + " bytes for " + n + " vectors");
        }
        byte[] graph = in.readNBytes(graphLength);
        if (graph.length != graphLength) {
            throw new EOFException("graph section cut short");
        }
        return new Contents(ids, data, graph);
    }

    /**
     * Fills an empty graph from a graph section written by {@link #write} for {@code n} nodes,
     * keeping the stored neighbour scores. Throws {@link IllegalStateException} on a section that
     * does not describe such a graph.
     */
    static void loadGraph(OnHeapGraphIndex graph, ByteBuffer in, int n) {
        if (in.getInt() != OnHeapGraphIndex.MAGIC || in.getInt() != JVECTOR_GRAPH_VERSION) {
            throw new IllegalStateException("graph section is not a version " + JVECTOR_GRAPH_VERSION + " JVector graph");
        }
        int layers = in.getInt();
        if (layers < 1 || layers > 64) {
            throw new IllegalStateException("graph section claims " + layers + " layers");
        }
        List<Integer> degrees = new ArrayList<>(layers);
        for (int level = 0; level < layers; level++) {
            degrees.add(in.getInt());
        }
        int entry = checkNode(in.getInt(), n);
        int[] topLevel = new int[n];
        for (int level = 0; level < layers; level++) {
            int nodes = in.getInt();
            if (nodes < 0 || nodes > n) {
                throw new IllegalStateException(nodes + " nodes on level " + level + " of a graph of " + n);
            }
            for (int i = 0; i < nodes; i++) {
                int node = checkNode(in.getInt(), n);
                int count = in.getInt();
                if (count < 0 || count > n) {
                    throw new IllegalStateException(count + " neighbours of node " + node);
                }
                NodeArray neighbours = new NodeArray(count);
                for (int j = 0; j < count; j++) {
                    neighbours.addInOrder(checkNode(in.getInt(), n), in.getFloat());
                }
                graph.connectNode(level, node, neighbours);
                topLevel[node] = level;
            }
        }
        if (graph.size(0) != n) {
            throw new IllegalStateException("graph holds " + graph.size(0) + " nodes for " + n + " vectors");
        }
        for (int node = 0; node < n; node++) {
            graph.markComplete(new ImmutableGraphIndex.NodeAtLevel(topLevel[node], node));
        }
        graph.setDegrees(degrees);
        graph.updateEntryNode(new ImmutableGraphIndex.NodeAtLevel(graph.getMaxLevel(), entry));
    }

    private static int checkNode(int node, int n) {
        if (node < 0 || node >= n) {
            throw new IllegalStateException("graph node " + node + " outside 0.." + (n - 1));
        }
        return node;
    }

    private static byte[] graphBytes(OnHeapGraphIndex graph, int[] dense, VectorStore vectors,
                                     GraphScoring scoring) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        // buffered: DataOutputStream writes byte by byte, and ByteArrayOutputStream.write is synchronized
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes, 1 << 16));
        int maxLevel = graph.getMaxLevel();
        out.writeInt(OnHeapGraphIndex.MAGIC);
        out.writeInt(JVECTOR_GRAPH_VERSION);
        out.writeInt(maxLevel + 1);
        for (int level = 0; level <= maxLevel; level++) {
            out.writeInt(graph.getDegree(level));
        }
        out.writeInt(dense[graph.entryNode().node]);
        for (int level = 0; level <= maxLevel; level++) {
            int[] nodes = graph.nodeStream(level).toArray();
            out.writeInt(nodes.length);
            for (int node : nodes) {
                writeNeighbours(out, graph, level, node, dense, vectors, scoring);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    // neighbours go out best first, as JVector keeps them and as its loader expects
    private static void writeNeighbours(DataOutputStream out, OnHeapGraphIndex graph, int level, int node, int[] dense,
                                        VectorStore vectors, GraphScoring scoring) throws IOException {
        VectorFloat<?> v = vectors.getVector(node);
        NodesIterator it = graph.getNeighborsIterator(level, node);
        int[] neighbours = new int[it.size()];
        float[] scores = new float[it.size()];
        int count = 0;
        boolean sorted = true;
        while (it.hasNext()) {
            int neighbour = it.nextInt();
            if (dense[neighbour] >= 0) {
                neighbours[count] = neighbour;
                scores[count] = scoring.compare(v, vectors.getVector(neighbour));
                sorted &= count == 0 || scores[count] <= scores[count - 1];
                count++;
            }
        }
        if (!sorted) {
            sortByScoreDescending(neighbours, scores, count);
        }
        out.writeInt(dense[node]);
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeInt(dense[neighbours[i]]);
            out.writeFloat(scores[i]);
        }
    }

    // insertion sort: a neighbour list is short (max degree x overflow) and nearly sorted already
    private static void sortByScoreDescending(int[] nodes, float[] scores, int count) {
        for (int i = 1; i < count; i++) {
            int node = nodes[i];
            float score = scores[i];
            int j = i - 1;
            while (j >= 0 && scores[j] < score) {
                nodes[j + 1] = nodes[j];
                scores[j + 1] = scores[j];
                j--;
            }
            nodes[j + 1] = node;
            scores[j + 1] = score;
        }
    }
}
