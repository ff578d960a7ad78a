package dev.mnemo.migrate;

import static dev.mnemo.migrate.LegacyTestFiles.assumePython;
import static dev.mnemo.migrate.LegacyTestFiles.python;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyTimestampsTest {
    private final LegacyTimestamps utc = new LegacyTimestamps(ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2024-11-01 12:28:00        | 2024-11-01T12:28:00Z",
            "2024-11-01 12:28:00.872556 | 2024-11-01T12:28:00.872556Z",
            "2024-11-01T16:30:00.872556 | 2024-11-01T16:30:00.872556Z",
            "2024-11-01T16:30:00        | 2024-11-01T16:30:00Z",
            "2024-11-01 12:28:00.5      | 2024-11-01T12:28:00.500Z",
            "2024-11-01 12:28:00.123456789 | 2024-11-01T12:28:00.123456Z",
            "1730497981.489986          | 2024-11-01T21:53:01.489986Z",
            "1730497981                 | 2024-11-01T21:53:01Z",
            "2024-11-01T16:30:00.872556+08:00 | 2024-11-01T08:30:00.872556Z",
            "2024-11-01T16:30:00Z       | 2024-11-01T16:30:00Z"})
    void readsEveryLegacyFormatToTheMicrosecond(String text, String expected) {
        assertThat(utc.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void zoneLessTimesAreReadInTheGivenZoneAndEpochNumbersAreNot() {
        LegacyTimestamps shanghai = new LegacyTimestamps(ZoneId.of("Asia/Shanghai"));

        assertThat(shanghai.parse("2024-11-01 12:28:00.641568")).isEqualTo(Instant.parse("2024-11-01T04:28:00.641568Z"));
        assertThat(shanghai.parse("1730497981.489986")).isEqualTo(Instant.parse("2024-11-01T21:53:01.489986Z"));
    }

    @Test
    void epochSecondsRoundToTheNearestMicrosecond() {
        assertThat(LegacyTimestamps.fromEpochSeconds(1730497981.489986)).isEqualTo(Instant.parse("2024-11-01T21:53:01.489986Z"));
        // the double nearest to ...0.9999996 rounds up into the next second
        assertThat(LegacyTimestamps.fromEpochSeconds(1730497981.9999996)).isEqualTo(Instant.parse("2024-11-01T21:53:02Z"));
        assertThat(LegacyTimestamps.fromEpochSeconds(-1.5)).isEqualTo(Instant.parse("1969-12-31T23:59:58.500Z"));
        assertThat(LegacyTimestamps.fromEpochSeconds(0.0000004)).isEqualTo(Instant.EPOCH);
        assertThat(LegacyTimestamps.fromEpochSeconds(0.0000006)).isEqualTo(Instant.parse("1970-01-01T00:00:00.000001Z"));
    }

    @Test
    void epochSecondsAgreeWithPythonsFromtimestamp() {
        assumePython();
        // random instants at micro, sub-micro and half-micro fractions, the way time.time() yields them
        Random random = new Random(20241101);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long second = 1_600_000_000L + random.nextInt(200_000_000);
            double fraction = switch (i % 3) {
                case 0 -> random.nextInt(1_000_000) / 1e6;
                case 1 -> (random.nextInt(1_000_000) + 0.5) / 1e6;
                default -> random.nextDouble();
            };
            values.add(Double.toString(second + fraction));
        }
        values.addAll(List.of("0.0000005", "0.0000015", "-0.0000005", "-1.0000005", "1e-7", "86400.9999995"));
        String script = "import sys, datetime\n"
                + "for s in sys.stdin.read().split():\n"
                + "    print(datetime.datetime.fromtimestamp(float(s), datetime.timezone.utc)"
                + ".strftime('%Y-%m-%dT%H:%M:%S.%fZ'))";
        String[] expected = pythonWithInput(script, String.join("\n", values)).split("\n");

        assertThat(expected).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(LegacyTimestamps.fromEpochSeconds(Double.parseDouble(values.get(i))))
                    .as("epoch %s", values.get(i)).isEqualTo(Instant.parse(expected[i]));
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "yesterday", "2024-13-01 12:00:00", "2024-11-01", "2024-11-01 25:00:00",
            "2024/11/01 12:00:00", "NaN", "1e400", "1730497981489", "0000-12-31T23:00:00"})
    void refusesWhatIsNoTimestamp(String text) {
        assertThatThrownBy(() -> utc.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String pythonWithInput(String script, String input) {
        try {
            Process process = new ProcessBuilder(LegacyTestFiles.PYTHON.toString(), "-c", script)
                    .redirectErrorStream(true).start();
            try (var out = process.getOutputStream()) {
                out.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();
            return output.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
