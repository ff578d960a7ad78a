package dev.mnemo.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void roundTripsToTheMicrosecondAcrossTheStorableYears() {
        for (String iso : new String[] {"0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2024-11-01T12:28:00.872556Z",
            "2000-02-29T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z"}) {
            Instant t = Instant.parse(iso);
            assertThat(Timestamps.parse(Timestamps.format(t))).isEqualTo(t);
        }
        assertThat(Timestamps.format(Instant.parse("2024-11-01T12:28:00.872556Z"))).isEqualTo("2024-11-01 12:28:00.872556");
    }

    @Test
    void refusesYearsOutsideOneToNineThousandNineHundredNinetyNine() {
        assertThatThrownBy(() -> Timestamps.format(Instant.parse("-0001-12-31T00:00:00Z")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void rejectsGarbage() {
        assertThatThrownBy(() -> Timestamps.parse("2024-11-01 12:28:00.87x556")).isInstanceOf(DateTimeParseException.class);
    }
}
