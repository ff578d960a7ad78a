package dev.mnemo.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now;

        HandClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void idsIncreaseEvenWhenTheClockStepsBackOrOneMillisecondRunsOut() {
        HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
        RecordIds ids = new RecordIds(clock, 7);
        long previous = ids.next();
        for (int i = 0; i < 10_000; i++) { // over 4,096 in one millisecond
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
        clock.set(clock.instant().minus(Duration.ofMinutes(5)));
        assertThat(ids.next()).isGreaterThan(previous);
    }

    @Test
    void idsCarryTheirNodeAndFollowTime() {
        HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
        long early = new RecordIds(clock, 1023).next();
        clock.set(clock.instant().plusMillis(1));
        long later = new RecordIds(clock, 0).next();
        assertThat(later).isGreaterThan(early);
        assertThat(RecordIds.nodeOf(early)).isEqualTo(1023);
        assertThat(RecordIds.nodeOf(later)).isZero();
        assertThat(early).isPositive();
    }

    @Test
    void twoNodesNeverMakeTheSameIdInTheSameMillisecond() {
        HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
        RecordIds a = new RecordIds(clock, 1);
        RecordIds b = new RecordIds(clock, 2);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            assertThat(seen.add(a.next())).isTrue();
            assertThat(seen.add(b.next())).isTrue();
        }
    }

    @Test
    void staysPositiveUntil2094() {
        HandClock clock = new HandClock(Instant.parse("2094-01-01T00:00:00Z"));
        assertThat(new RecordIds(clock, 1023).next()).isPositive();
    }
}
