package dev.mnemo.api;

import java.util.Objects;

/**
 * Whether a provider can run on this machine, and if not, why.
 *
 * @param available true when the provider can be used here
 * @param reason    why it is unavailable; a short note (e.g. the native library loaded) when available
 */
public record Availability(boolean available, String reason) {
    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    public static Availability yes(String note) {
        return new Availability(true, note);
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
