package dev.mnemo.postgres;

import dev.mnemo.api.TimeBounds;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How values are stored: vectors as little-endian float32 {@code bytea} (the layout SQLite stores
 * use, so export and import carry them bit for bit), timestamps as fixed-width UTC text with six
 * fraction digits (sorts and range-compares as text, exactly as on SQLite), and keyword terms as a
 * {@code tsvector} literal that PostgreSQL takes verbatim.
 */
final class PgCodec {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    /** tsvector positions stop at 16383 and a lexeme keeps at most 256 of them. */
    private static final int MAX_POSITION = 16383;
    private static final int MAX_POSITIONS_PER_TERM = 256;

    private PgCodec() {
    }

    static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] decode(byte[] bytes) {
        float[] out = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** @throws dev.mnemo.api.InvalidInputException outside the years 1 to 9999 */
    static String format(Instant instant) {
        TimeBounds.check("timestamp", instant);
        return FORMAT.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    static Instant parse(String text) {
        return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
    }

    /**
     * The terms as a {@code tsvector} literal with their positions ({@code 'tea':1,4 'cup':2}), so
     * that term frequency counts in the ranking; null when there are none.
     */
    static String tsvector(List<String> terms) {
        if (terms.isEmpty()) {
            return null;
        }
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            List<Integer> p = positions.computeIfAbsent(terms.get(i), t -> new ArrayList<>());
            if (p.size() < MAX_POSITIONS_PER_TERM) {
                p.add(Math.min(i + 1, MAX_POSITION));
            }
        }
        StringJoiner out = new StringJoiner(" ");
        positions.forEach((term, p) -> {
            StringJoiner list = new StringJoiner(",");
            p.forEach(n -> list.add(n.toString()));
            out.add(quote(term) + ":" + list);
        });
        return out.toString();
    }

    /** A {@code tsquery} literal matching any of the terms. */
    static String anyOf(List<String> terms) {
        StringJoiner out = new StringJoiner(" | ");
        terms.forEach(t -> out.add(quote(t)));
        return out.toString();
    }

    /** A lexeme quoted for tsvector/tsquery input: inside quotes only {@code '} and {@code \} need escaping. */
    private static String quote(String term) {
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
