package dev.mnemo.core.internal.db;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.TimeBounds;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps in the database: UTC text with exactly six fraction digits
 * ({@code 2024-11-01 12:28:00.872556}). Peewee reads this form, and being fixed-width it sorts
 * and range-compares correctly as text, so the legacy {@code (character_name, timestamp)} index
 * serves time filters.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private Timestamps() {
    }

    /** @throws InvalidInputException outside the years 1 to 9999 (the fixed-width form) */
    public static String format(Instant instant) {
        TimeBounds.check("timestamp", instant);
        return FORMAT.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    /** Parses the stored form; hit rows carry three timestamps each, so the fixed width is read directly. */
    public static Instant parse(String text) {
        if (text.length() != 26 || text.charAt(4) != '-' || text.charAt(10) != ' ' || text.charAt(19) != '.') {
            return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
        }
        long seconds = LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10),
                digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19)).toEpochSecond(ZoneOffset.UTC);
        return Instant.ofEpochSecond(seconds, digits(text, 20, 26) * 1000L);
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new DateTimeParseException("not a stored timestamp", s, i);
            }
            value = value * 10 + d;
        }
        return value;
    }
}
