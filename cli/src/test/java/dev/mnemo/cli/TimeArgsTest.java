package dev.mnemo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeArgsTest {
    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    @Test
    void absoluteFormsWithoutAnOffsetAreUtc() {
        Instant expected = Instant.parse("2024-11-01T12:28:00.872556Z");
        assertThat(TimeArgs.parse("t", "2024-11-01T12:28:00.872556Z")).isEqualTo(expected);
        assertThat(TimeArgs.parse("t", "2024-11-01T20:28:00.872556+08:00")).isEqualTo(expected);
        assertThat(TimeArgs.parse("t", "2024-11-01T12:28:00.872556")).isEqualTo(expected);
        assertThat(TimeArgs.parse("t", "2024-11-01 12:28:00.872556")).isEqualTo(expected);
        assertThat(TimeArgs.parse("t", "2024-11-01 12:28:00")).isEqualTo(Instant.parse("2024-11-01T12:28:00Z"));
        assertThat(TimeArgs.parse("t", "2024-11-01")).isEqualTo(Instant.parse("2024-11-01T00:00:00Z"));
    }

    @Test
    void relativeFormsCountBackFromNow() {
        assertThat(TimeArgs.parseOrAgo("t", "7d", NOW)).isEqualTo(Instant.parse("2025-06-08T12:00:00Z"));
        assertThat(TimeArgs.parseOrAgo("t", "12h", NOW)).isEqualTo(Instant.parse("2025-06-15T00:00:00Z"));
        assertThat(TimeArgs.parseOrAgo("t", "2w", NOW)).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
        assertThat(TimeArgs.parseOrAgo("t", "30m", NOW)).isEqualTo(Instant.parse("2025-06-15T11:30:00Z"));
        assertThat(TimeArgs.parseOrAgo("t", "2024-01-01", NOW)).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void garbageNamesTheOptionAndTheAcceptedForms() {
        assertThatThrownBy(() -> TimeArgs.parse("--since", "last tuesday"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--since").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> TimeArgs.parse("t", "7d")).isInstanceOf(InvalidInputException.class);
    }
}
