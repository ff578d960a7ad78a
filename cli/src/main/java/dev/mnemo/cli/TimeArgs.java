package dev.mnemo.cli;

import dev.mnemo.api.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the times the CLI accepts. Absolute: ISO-8601 with an offset ({@code 2024-11-01T12:28:00Z},
 * {@code 2024-11-01T20:28:00+08:00}), or without one, or the legacy database form
 * ({@code 2024-11-01 12:28:00[.872556]}), or a date ({@code 2024-11-01}); times without an offset are
 * UTC, as the database stores them. Relative (only where a point in the past makes sense, e.g.
 * {@code --since}): {@code 30m}, {@code 12h}, {@code 7d}, {@code 2w} ago.
 */
final class TimeArgs {
    private static final DateTimeFormatter LEGACY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]");
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})([smhdw])");

    private TimeArgs() {
    }

    /** An absolute time. */
    static Instant parse(String what, String text) {
        String s = text.trim();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset; try the forms below
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not ISO local
        }
        try {
            return LocalDateTime.parse(s, LEGACY).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not the database form
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(what + ": cannot read '" + abbreviate(s) + "' as a time; use ISO-8601"
                    + " (2024-11-01T12:28:00Z), 'yyyy-MM-dd HH:mm:ss[.SSSSSS]' (UTC) or yyyy-MM-dd");
        }
    }

    /** An absolute time, or a relative one ({@code 7d}) counted back from {@code now}. */
    static Instant parseOrAgo(String what, String text, Instant now) {
        Matcher m = RELATIVE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return parse(what, text);
        }
        long n = Long.parseLong(m.group(1));
        Duration unit = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
        };
        return now.minus(unit.multipliedBy(n));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
