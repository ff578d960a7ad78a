package dev.mnemo.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of hostile inputs: text that breaks naive code (broken UTF-16, control and
 * bidi characters, SQL, megabyte strings), names that try to leave the data directory, vectors
 * that are not vectors, and timestamps at the edges of what {@link Instant} holds.
 */
final class HostileInputs {
    static final int ONE_MB = 1 << 20;
    private static final List<String> SQL = List.of("'; DROP TABLE memory_record; --", "\" OR 1=1 --", "%", "_", "%_%",
            "\\", "'", "''", "`", "/* comment */", "); DELETE FROM memory_vector; (", "' UNION SELECT * FROM store_meta --",
            "$1", "?", "?1", ":name", "@p", "\\'", "\u0000'", "NULL", "null", "ATTACH DATABASE '/tmp/x' AS x;");
    private static final List<String> NAMES = List.of("..", ".", "../evil", "a/../../b", "a/b", "/abs", "a\\b", "..\\x",
            "C:\\x", "a:b", "a\u0000b", "\u0000", " lead", "trail ", "\t", "CON", "NUL", "nul.txt", "银狼", "存档_二",
            "Kafka", "ＫＡＦＫＡ", "a\u202Eb", "\uD83D\uDE00", "\uD800", "x\uDC00", "....", ". .", "~", "$HOME", "%2e%2e",
            "..%2f", "\u2024\u2024", "\uFF0E\uFF0E");
    private static final int[] SPECIAL = {0, 1, 7, 8, 9, 10, 11, 12, 13, 27, 0x7f, 0x85, 0xa0, 0xad, 0x200b, 0x200c,
            0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028,
            0x2029, 0xfeff, 0xfffd, 0xfffe, 0xffff, 0x0301, 0x0361, 0x1f600, 0x10ffff, 0xe000, 0x1d11e};

    /** How far from now timestamps stay when extreme values are left out. */
    private static final Duration SAFE_SPAN = Duration.ofDays(250 * 365);

    private final Random random;
    private final boolean extremeValues;
    private final Instant now = Instant.now();

    /**
     * @param extremeValues also generate the inputs of the fixed bugs that TimestampRangeTest,
     *                      DistantRecordRankingTest and TinyNormVectorTest guard: timestamps beyond
     *                      250 years from now and vectors of norm below 1e-38
     */
    HostileInputs(long seed, boolean extremeValues) {
        this.random = new Random(seed);
        this.extremeValues = extremeValues;
    }

    Random random() {
        return random;
    }

    /** A text of one of many hostile kinds; {@code maxChars} is the store's limit. */
    String text(int maxChars) {
        switch (random.nextInt(14)) {
            case 0:
                return "";
            case 1:
                return " \t\n\u3000".repeat(1 + random.nextInt(3));
            case 2:
                return SQL.get(random.nextInt(SQL.size())) + " " + plain(5);
            case 3:
                return random.nextInt(4) == 0 ? repeat(ONE_MB) : repeat(maxChars + random.nextInt(3) - 1);
            case 4:
                return withLoneSurrogate(plain(1 + random.nextInt(30)));
            case 5:
                return mixed(1 + random.nextInt(200), true);
            default:
                return mixed(1 + random.nextInt(200), false);
        }
    }

    /** Exactly {@code length} chars of valid UTF-16 from every plane, bidi marks and control characters included, no NUL. */
    String validText(int length) {
        StringBuilder b = new StringBuilder(length + 2);
        while (b.length() < length) {
            StringBuilder chunk = new StringBuilder(mixed(64, false));
            for (int i = 0; i < chunk.length(); i++) {
                char c = chunk.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < chunk.length() && Character.isLowSurrogate(chunk.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    chunk.setCharAt(i, 'u');
                }
            }
            b.append(chunk);
        }
        b.setLength(length);
        if (Character.isHighSurrogate(b.charAt(length - 1))) {
            b.setCharAt(length - 1, 'e');
        }
        return b.toString();
    }

    /** A name that a path could be built from. */
    String name() {
        switch (random.nextInt(6)) {
            case 0:
                return NAMES.get(random.nextInt(NAMES.size()));
            case 1:
                return "n".repeat(90 + random.nextInt(20));
            case 2:
                return "x".repeat(random.nextInt(3) == 0 ? 10_000 : 255);
            case 3:
                return plain(1 + random.nextInt(12)) + (random.nextBoolean() ? "/" : "\\") + plain(3);
            case 4:
                return withLoneSurrogate(plain(4));
            default:
                return mixed(1 + random.nextInt(20), false);
        }
    }

    /** A vector that may be of the wrong length, non-finite, zero, overflowing, or fine. */
    float[] vector(int dimension) {
        int kind = random.nextInt(9);
        int length = switch (kind) {
            case 0 -> 0;
            case 1 -> dimension - 1;
            case 2 -> dimension + 1 + random.nextInt(1000);
            default -> dimension;
        };
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        if (length > 0) {
            int at = random.nextInt(length);
            switch (kind) {
                case 3 -> v[at] = Float.NaN;
                case 4 -> v[at] = random.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                case 5 -> Arrays.fill(v, 0f);
                case 6 -> Arrays.fill(v, Float.MAX_VALUE);
                case 7 -> Arrays.fill(v, extremeValues ? Float.MIN_VALUE : 1e-30f);
                default -> {
                }
            }
        }
        return v;
    }

    /** Null (now), an ordinary time, or one at the edge of what the types hold. */
    Instant timestamp() {
        Instant t = anyTimestamp();
        if (extremeValues || t == null) {
            return t;
        }
        Instant earliest = now.minus(SAFE_SPAN);
        Instant latest = now.plus(SAFE_SPAN);
        return t.isBefore(earliest) ? earliest : t.isAfter(latest) ? latest : t;
    }

    private Instant anyTimestamp() {
        switch (random.nextInt(12)) {
            case 0:
                return Instant.MIN;
            case 1:
                return Instant.MAX;
            case 2:
                return Instant.parse("0000-01-01T00:00:00Z").minus(Duration.ofDays(random.nextInt(1000)));
            case 3:
                return Instant.parse("9999-12-31T23:59:59.999999999Z").plus(Duration.ofDays(random.nextInt(3)));
            case 4:
                return Instant.ofEpochSecond(random.nextLong() % 400_000_000_000L, random.nextInt(1_000_000_000));
            case 5:
                return Instant.EPOCH.minusNanos(1);
            case 6:
                return Instant.ofEpochMilli(1_730_464_080_872L * (random.nextBoolean() ? 1000 : 1));
            default:
                return random.nextBoolean() ? null : Instant.now().minus(Duration.ofSeconds(random.nextInt(100_000_000)));
        }
    }

    /** An int that is often out of range. */
    int hostileInt() {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> -1 - random.nextInt(10);
            case 3 -> 0;
            default -> random.nextInt(20_000);
        };
    }

    /** A double that is often not a usable number. */
    double hostileDouble() {
        return switch (random.nextInt(7)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> -2 + 4 * random.nextDouble();
            default -> random.nextDouble();
        };
    }

    private String repeat(int length) {
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            b.append("long memory ");
        }
        b.setLength(length);
        return b.toString();
    }

    private String plain(int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    private String withLoneSurrogate(String base) {
        int at = random.nextInt(base.length() + 1);
        char lone = random.nextBoolean() ? (char) (0xD800 + random.nextInt(0x400)) : (char) (0xDC00 + random.nextInt(0x400));
        String s = base.substring(0, at) + lone + base.substring(at);
        // sometimes a reversed pair: low then high, each valid alone but not as a pair
        return random.nextInt(4) == 0 ? s + "\uDC00\uD800" : s;
    }

    /** Code points from every plane, with control, bidi and special characters mixed in. */
    private String mixed(int codePoints, boolean withNul) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int pick = random.nextInt(10);
            int cp;
            if (pick < 3) {
                cp = SPECIAL[random.nextInt(SPECIAL.length)];
            } else if (pick < 5) {
                cp = 0x20 + random.nextInt(0x5f);
            } else if (pick < 7) {
                cp = 0x4e00 + random.nextInt(0x5000); // CJK
            } else if (pick < 8) {
                cp = 0x10000 + random.nextInt(0x100000 - 0x10000); // supplementary: a surrogate pair
            } else {
                cp = random.nextInt(0x110000);
            }
            if (!withNul && cp == 0) {
                cp = 'z';
            }
            if (Character.isSurrogate((char) cp) && cp < 0x10000 && random.nextBoolean()) {
                cp = 'q';
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    /** A printable, shortened form for failure messages. */
    static String describe(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return "\"" + b + (s.length() > 40 ? "...\" (" + s.length() + " chars)" : "\"");
    }
}
