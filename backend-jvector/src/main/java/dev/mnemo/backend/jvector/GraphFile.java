package dev.mnemo.backend.jvector;

import dev.mnemo.api.vector.IndexFileHeader;
import io.github.jbellis.jvector.graph.NodesIterator;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

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
 * graph no longer accepts concurrent inserts.
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
        java.util.Arrays.fill(dense, -1);
        out.writeInt(live.length);
        for (int i = 0; i < live.length; i++) {
            int ordinal = live[i];
            dense[ordinal] = i;
            out.writeLong(idByOrdinal[ordinal]);
            VectorFloat<?> v = vectors.getVector(ordinal);
            for (int d = 0; d < dimension; d++) {
                out.writeFloat(v.get(d));
            }
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
        for (int i = 0; i < n; i++) {
            ids[i] = in.readLong();
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                v[d] = in.readFloat();
            }
            data[i] = v;
        }
        int graphLength = in.readInt();
        if (graphLength < 0 || (n == 0) != (graphLength == 0)) {
            throw new IllegalStateException("graph section of " + graphLength + " bytes for " + n + " vectors");
        }
        byte[] graph = in.readNBytes(graphLength);
        if (graph.length != graphLength) {
            throw new java.io.EOFException("graph section cut short");
        }
        return new Contents(ids, data, graph);
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
