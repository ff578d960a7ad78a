package dev.mnemo.reliability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input fuzz with extreme values included: timestamps beyond 250 years from now and
 * outside years 1-9999 ({@link TimestampRangeTest}, {@link DistantRecordRankingTest}) and vectors of
 * norm below 1e-38 ({@link TinyNormVectorTest}), each the input of a bug fixed since.
 */
@Tag("reliability")
class HostileInputExtremeValuesTest extends HostileInputTest {
    @Test
    void everyHostileInputIncludingExtremeValuesIsRefusedCleanlyOrStoredExactly() throws Exception {
        fuzz(true);
    }
}
