package dev.mnemo.api.vector;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the k highest-scoring ids offered, in a min-heap over parallel arrays (no boxing): the
 * collector every backend's exact scoring uses. Not thread-safe; one per search.
 */
public final class TopNeighbors {
    private final long[] ids;
    private final float[] scores;
    private int size;

    public TopNeighbors(int k) {
        ids = new long[k];
        scores = new float[k];
    }

    /** Keeps the id if it scores among the best k so far. */
    public void offer(long id, float score) {
        if (size < ids.length) {
            ids[size] = id;
            scores[size] = score;
            siftUp(size++);
        } else if (score > scores[0]) {
            ids[0] = id;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** The kept neighbours, best first (ties by ascending id, so results are reproducible). */
    public List<Neighbor> toList() {
        List<Neighbor> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Neighbor(ids[i], scores[i]));
        }
        out.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : Long.compare(a.id(), b.id()));
        return out;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (scores[parent] <= scores[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
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
