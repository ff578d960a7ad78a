package dev.mnemo.api.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopNeighborsTest {
    @Test
    void keepsTheBestKBestFirst() {
        TopNeighbors top = new TopNeighbors(3);
        top.offer(1, 0.1f);
        top.offer(2, 0.9f);
        top.offer(3, 0.5f);
        top.offer(4, 0.7f);
        top.offer(5, -1f);
        assertThat(top.toList()).containsExactly(new Neighbor(2, 0.9f), new Neighbor(4, 0.7f), new Neighbor(3, 0.5f));
    }

    @Test
    void returnsEverythingWhenFewerThanKWereOffered() {
        TopNeighbors top = new TopNeighbors(10);
        assertThat(top.toList()).isEmpty();
        top.offer(8, 0.2f);
        top.offer(9, 0.3f);
        assertThat(top.toList()).containsExactly(new Neighbor(9, 0.3f), new Neighbor(8, 0.2f));
    }

    @Test
    void equalScoresAreOrderedByAscendingId() {
        TopNeighbors top = new TopNeighbors(4);
        for (long id : new long[] {40, 10, 30, 20}) {
            top.offer(id, 0.5f);
        }
        assertThat(top.toList()).extracting(Neighbor::id).containsExactly(10L, 20L, 30L, 40L);
    }

    @Test
    void aScoreEqualToTheWorstKeptDoesNotDisplaceIt() {
        TopNeighbors top = new TopNeighbors(2);
        top.offer(1, 0.9f);
        top.offer(2, 0.4f);
        top.offer(3, 0.4f);
        assertThat(top.toList()).containsExactly(new Neighbor(1, 0.9f), new Neighbor(2, 0.4f));
    }

    @Test
    void agreesWithSortingEveryOffer() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            int k = 1 + random.nextInt(20);
            int n = random.nextInt(300);
            TopNeighbors top = new TopNeighbors(k);
            List<Neighbor> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // distinct scores, so the best k are one set whatever the offering order
                Neighbor neighbor = new Neighbor(i, random.nextFloat() + i * 1e-3f);
                all.add(neighbor);
                top.offer(neighbor.id(), neighbor.score());
            }
            all.sort(Comparator.comparing(Neighbor::score).reversed());
            assertThat(top.toList()).as("k=%d n=%d", k, n).containsExactlyElementsOf(all.subList(0, Math.min(k, n)));
        }
    }
}
