package dev.mnemo.api;

import java.time.Instant;

/**
 * The instants Mnemo stores and filters by: years 1 to 9999 (UTC). Stored timestamps are
 * fixed-width text so that they sort and compare as text; outside these years they could not be.
 */
public final class TimeBounds {
    /** 0001-01-01T00:00:00Z. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** 9999-12-31T23:59:59.999999Z. */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private TimeBounds() {
    }

    /** Returns the instant if it lies within the years 1 to 9999, else throws {@link InvalidInputException}. */
    public static Instant check(String what, Instant instant) {
        if (instant != null && (instant.isBefore(MIN) || instant.isAfter(MAX))) {
            throw new InvalidInputException(what + " " + instant + " is outside the years 1 to 9999");
        }
        return instant;
    }

    /** The instant moved into the years 1 to 9999 (for filter bounds, where "before year 1" means "from the start"). */
    public static Instant clamp(Instant instant) {
        return instant.isBefore(MIN) ? MIN : instant.isAfter(MAX) ? MAX : instant;
    }
}
