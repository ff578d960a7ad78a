package dev.mnemo.migrate;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the timestamps the Python store wrote, in every form it used:
 * {@code 2024-11-01 12:28:00}, {@code 2024-11-01 12:28:00.872556}, ISO-8601
 * {@code 2024-11-01T16:30:00.872556}, or epoch seconds as a number (or a numeric string).
 *
 * <p>Zone-less times are read in the given zone (the JVM default in production, which is the
 * clock the epoch numbers were taken from). An explicit offset ({@code Z}, {@code +08:00}), which
 * the legacy store never wrote, is honoured rather than refused. Results are truncated to the
 * microsecond, the precision of the legacy column, and must fall in years 1 to 9999 (the
 * database keeps a four-digit year; an epoch in milliseconds lands far beyond). Immutable and
 * thread-safe.
 */
public final class LegacyTimestamps {
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)(Z|[+-]\\d{2}:?\\d{2})?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** The store keeps timestamps as text with a four-digit year; outside it a value is a mistake (milliseconds?). */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final double MAX_EPOCH_SECONDS = 253_402_300_800d;

    private final ZoneId zone;

    /** @param zone the zone of times written without one */
    public LegacyTimestamps(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Timestamps read in the JVM's default time zone, as the legacy store wrote them. */
    public static LegacyTimestamps systemDefault() {
        return new LegacyTimestamps(ZoneId.systemDefault());
    }

    /** The zone of times written without one. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Parses a textual timestamp: a date-time or a number of epoch seconds.
     *
     * @throws IllegalArgumentException naming the value when it is neither
     */
    public Instant parse(String text) {
        Objects.requireNonNull(text, "timestamp");
        String trimmed = text.strip();
        Matcher m = DATE_TIME.matcher(trimmed);
        if (m.matches()) {
            try {
                LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
                Instant instant = m.group(3) == null
                        ? local.atZone(zone).toInstant()
                        : local.toInstant(ZoneOffset.of(m.group(3)));
                return inRange(instant.truncatedTo(ChronoUnit.MICROS), text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("timestamp '" + abbreviate(text) + "' is not a valid date and time: "
                        + e.getMessage(), e);
            }
        }
        if (NUMBER.matcher(trimmed).matches()) {
            return fromEpochSeconds(Double.parseDouble(trimmed));
        }
        throw new IllegalArgumentException("timestamp '" + abbreviate(text)
                + "' is neither 'yyyy-MM-dd HH:mm:ss[.ffffff]', ISO-8601 nor epoch seconds");
    }

    /**
     * Epoch seconds rounded to the nearest microsecond, ties to even, exactly as Python's
     * {@code datetime.fromtimestamp} does: split off the whole seconds (exact for a double), scale
     * the fraction by 10^6 in double arithmetic and round it. This way a row written once as a
     * number and once as a date string by the legacy store lands on the same instant.
     *
     * @throws IllegalArgumentException for NaN, infinities or values beyond {@link Instant}'s range
     */
    public static Instant fromEpochSeconds(double seconds) {
        if (!Double.isFinite(seconds) || Math.abs(seconds) > MAX_EPOCH_SECONDS) {
            throw new IllegalArgumentException("epoch seconds " + seconds + " are out of range (years 1 to 9999;"
                    + " milliseconds instead of seconds?)");
        }
        double whole = seconds < 0 ? Math.ceil(seconds) : Math.floor(seconds); // C modf: toward zero
        double micros = Math.rint((seconds - whole) * 1e6);                     // rint: half to even
        if (micros >= 1e6) {
            micros -= 1e6;
            whole += 1;
        } else if (micros < 0) {
            micros += 1e6;
            whole -= 1;
        }
        return inRange(Instant.ofEpochSecond((long) whole, (long) micros * 1_000L), Double.toString(seconds));
    }

    private static Instant inRange(Instant instant, String text) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("timestamp '" + abbreviate(text) + "' is outside years 1 to 9999");
        }
        return instant;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
