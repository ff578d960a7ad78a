package dev.mnemo.backend.jvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.vector.VectorMetric;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.NodesIterator;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** {@link GraphFile#loadGraph}: a hand-written graph section in, the same graph out; bad sections refused. */
class GraphFileTest {

    @Test
    void loadsNodesLevelsNeighboursScoresAndEntryAsWritten() {
        // level 0: 0 -> {1 (0.9), 2 (0.5)}, 1 -> {0}, 2 -> {0}; level 1: node 0 alone; entry 0
        ByteBuffer section = header(2, 0)
                .putInt(3)
                .putInt(0).putInt(2).putInt(1).putFloat(0.9f).putInt(2).putFloat(0.5f)
                .putInt(1).putInt(1).putInt(0).putFloat(0.9f)
                .putInt(2).putInt(1).putInt(0).putFloat(0.5f)
                .putInt(1)
                .putInt(0).putInt(0)
                .flip();
        OnHeapGraphIndex graph = emptyGraph();

        GraphFile.loadGraph(graph, section, 3);

        assertThat(graph.size(0)).isEqualTo(3);
        assertThat(graph.getMaxLevel()).isEqualTo(1);
        assertThat(graph.entryNode().node).isZero();
        assertThat(neighbours(graph, 0, 0)).containsExactly(1, 2);
        assertThat(neighbours(graph, 0, 2)).containsExactly(0);
    }

    @Test
    void aNeighbourOutsideTheGraphIsRefusedNamingIt() {
        ByteBuffer section = header(1, 0).putInt(1).putInt(0).putInt(1).putInt(7).putFloat(0.5f).flip();
        assertThatThrownBy(() -> GraphFile.loadGraph(emptyGraph(), section, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("graph node 7 outside 0..0");
    }

    @Test
    void anotherFormatOrACutSectionIsRefused() {
        ByteBuffer wrongVersion = ByteBuffer.allocate(8).putInt(OnHeapGraphIndex.MAGIC).putInt(3).flip();
        assertThatThrownBy(() -> GraphFile.loadGraph(emptyGraph(), wrongVersion, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a version 4 JVector graph");
        ByteBuffer cut = header(1, 0).putInt(1).putInt(0).flip();
        assertThatThrownBy(() -> GraphFile.loadGraph(emptyGraph(), cut, 1)).isInstanceOf(RuntimeException.class);
    }

    private static ByteBuffer header(int layers, int entry) {
        ByteBuffer b = ByteBuffer.allocate(1024).putInt(OnHeapGraphIndex.MAGIC).putInt(4).putInt(layers);
        for (int level = 0; level < layers; level++) {
            b.putInt(16);
        }
        return b.putInt(entry);
    }

    @SuppressWarnings("deprecation") // the constructor is the only way to ask for the hierarchy (see JVectorIndex)
    private static OnHeapGraphIndex emptyGraph() {
        VectorStore vectors = new VectorStore(2);
        var builder = new GraphIndexBuilder(GraphScoring.of(VectorMetric.COSINE).buildScores(vectors), 2, 16, 32,
                1.2f, 1.2f, true, false);
        return (OnHeapGraphIndex) builder.getGraph();
    }

    private static int[] neighbours(OnHeapGraphIndex graph, int level, int node) {
        NodesIterator it = graph.getNeighborsIterator(level, node);
        int[] out = new int[it.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = it.nextInt();
        }
        return out;
    }
}
