package dev.mnemo.core.db;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    /** @throws dev.mnemo.api.InvalidInputException outside the years 1 to 9999 (the fixed-width form) */
    public static String format(Instant instant) {
        dev.mnemo.api.TimeBounds.check("timestamp", instant);
        return FORMAT.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    public static Instant parse(String text) {
        return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
    }
}
