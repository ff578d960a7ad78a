package dev.mnemo.backend.jvector;

import dev.mnemo.api.vector.Neighbor;
import java.util.ArrayList;
import java.util.List;

/** The k best-scoring ids seen so far, in a min-heap over parallel arrays (no boxing). */
final class TopHits {
    private final long[] ids;
    private final float[] scores;
    private int size;

    TopHits(int k) {
        ids = new long[k];
        scores = new float[k];
    }

    void offer(long id, float score) {
        if (size < ids.length) {
            ids[size] = id;
            scores[size] = score;
            int i = size++;
            while (i > 0 && scores[(i - 1) >>> 1] > scores[i]) {
                swap(i, (i - 1) >>> 1);
                i = (i - 1) >>> 1;
            }
        } else if (score > scores[0]) {
            ids[0] = id;
            scores[0] = score;
            siftDown();
        }
    }

    /** The kept hits, best first (ties by id, so results are reproducible). */
    List<Neighbor> toList() {
        List<Neighbor> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Neighbor(ids[i], scores[i]));
        }
        out.sort(JVectorIndex.BEST_FIRST);
        return out;
    }

    private void siftDown() {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            int smallest = i;
            if (left < size && scores[left] < scores[smallest]) {
                smallest = left;
            }
            if (left + 1 < size && scores[left + 1] < scores[smallest]) {
                smallest = left + 1;
            }
            if (smallest == i) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int a, int b) {
        long id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
    }
}
