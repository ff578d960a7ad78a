package dev.mnemo.api;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The kind of a memory record, stored in the legacy {@code record_type} column. Legacy stores
 * wrote free-form lowercase words ({@code conversation}, {@code summary}, {@code event}, ...),
 * so this is an open set of validated names rather than an enum.
 *
 * @param name lowercase letters, digits, {@code _} or {@code -}; 1 to 64 characters
 */
public record RecordType(String name) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** A user message with the character's answer; the legacy default. */
    public static final RecordType CONVERSATION = new RecordType("conversation");

    public RecordType {
        Objects.requireNonNull(name, "record type");
        if (!VALID.matcher(name).matches()) {
            throw new InvalidInputException("record type must be 1-64 of [a-z0-9_-] starting with a letter"
                    + " or digit, got '" + abbreviate(name) + "'");
        }
    }

    /** Parses a type name leniently (trimmed, lower-cased); blank means {@link #CONVERSATION}. */
    public static RecordType of(String name) {
        if (name == null || name.isBlank()) {
            return CONVERSATION;
        }
        return new RecordType(name.trim().toLowerCase(Locale.ROOT));
    }

    public boolean isConversation() {
        return equals(CONVERSATION);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
