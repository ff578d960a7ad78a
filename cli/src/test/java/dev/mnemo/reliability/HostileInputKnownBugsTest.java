package dev.mnemo.reliability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input fuzz with the inputs of the open bugs included: timestamps beyond 250 years
 * from now and outside years 1-9999 ({@link TimestampRangeBugTest}, {@link OldRecordRankingBugTest})
 * and vectors of norm below 1e-38 ({@link TinyVectorBugTest}). Enable it with those.
 */
@Tag("reliability")
class HostileInputKnownBugsTest extends HostileInputTest {
    @Test
    void everyHostileInputIncludingKnownBugsIsRefusedCleanlyOrStoredExactly() throws Exception {
        fuzz(true);
    }
}
