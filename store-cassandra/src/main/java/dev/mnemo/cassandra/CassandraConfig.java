package dev.mnemo.cassandra;

import dev.mnemo.api.InvalidInputException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where and how the Cassandra store connects. Immutable; build with {@link #builder()} or read the
 * {@code mnemo.cassandra.*} keys with {@link #fromProperties(Map)}. The password never appears in
 * {@link #toString()}.
 *
 * @param contactPoints     nodes to bootstrap from ({@code mnemo.cassandra.contact-points}, {@code host:port,...})
 * @param localDatacenter   the data center whose nodes serve requests ({@code .local-datacenter})
 * @param keyspace          the keyspace holding the tables ({@code .keyspace}); created when missing
 * @param replication       the keyspace's replication map ({@code .replication}, {@code class=...,key=value,...})
 * @param writeConsistency  consistency of writes ({@code .write-consistency})
 * @param readConsistency   consistency of reads and searches ({@code .read-consistency})
 * @param username          user name, or {@code null} without authentication ({@code .username})
 * @param password          password, or {@code null} ({@code .password})
 * @param requestTimeout    how long one request may take before it fails ({@code .request-timeout-ms})
 * @param connectTimeout    how long connecting to a node may take ({@code .connect-timeout-ms})
 * @param defaultTtl        time to live of new records, or {@code null} to keep them until deleted ({@code .default-ttl-s})
 * @param maxTextChars      longest text a record may hold ({@code mnemo.store.max-text-chars})
 * @param maxMetadataEntries most metadata entries a record may carry ({@code mnemo.metadata.max-entries})
 * @param maxMetadataBytes  most metadata bytes a record may carry, counted as
 *                          {@link dev.mnemo.api.Metadata#bytes(Map)} does ({@code mnemo.metadata.max-bytes})
 */
public record CassandraConfig(List<InetSocketAddress> contactPoints, String localDatacenter, String keyspace,
                              Map<String, String> replication, Consistency writeConsistency,
                              Consistency readConsistency, String username, String password,
                              Duration requestTimeout, Duration connectTimeout, Duration defaultTtl,
                              int maxTextChars, int maxMetadataEntries, int maxMetadataBytes) {

    /** Consistency levels a store may use (the driver's names). */
    public enum Consistency { ONE, TWO, THREE, QUORUM, ALL, LOCAL_ONE, LOCAL_QUORUM, EACH_QUORUM }

    public static final int DEFAULT_PORT = 9042;
    public static final String DEFAULT_DATACENTER = "datacenter1";
    public static final String DEFAULT_KEYSPACE = "mnemo";
    public static final Map<String, String> DEFAULT_REPLICATION =
            Map.of("class", "SimpleStrategy", "replication_factor", "1");
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_TEXT_CHARS = 20_000;
    public static final int DEFAULT_MAX_METADATA_ENTRIES = 64;
    public static final int DEFAULT_MAX_METADATA_BYTES = 16_384;
    static final String MAX_TEXT_CHARS_KEY = "mnemo.store.max-text-chars";
    static final String MAX_METADATA_ENTRIES_KEY = "mnemo.metadata.max-entries";
    static final String MAX_METADATA_BYTES_KEY = "mnemo.metadata.max-bytes";
    /** Cassandra refuses a time to live over 20 years. */
    public static final Duration MAX_TTL = Duration.ofSeconds(630_720_000);

    private static final String PREFIX = "mnemo.cassandra.";
    private static final Pattern KEYSPACE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");
    private static final Pattern REPLICATION_WORD = Pattern.compile("[A-Za-z0-9_.]+");
    private static final Set<String> KEYS = Set.of("contact-points", "local-datacenter", "keyspace", "replication",
            "write-consistency", "read-consistency", "username", "password", "request-timeout-ms",
            "connect-timeout-ms", "default-ttl-s");

    public CassandraConfig {
        contactPoints = List.copyOf(contactPoints);
        if (contactPoints.isEmpty()) {
            throw new InvalidInputException("mnemo.cassandra.contact-points is empty");
        }
        if (localDatacenter == null || localDatacenter.isBlank()) {
            throw new InvalidInputException("mnemo.cassandra.local-datacenter is empty");
        }
        if (keyspace == null || !KEYSPACE.matcher(keyspace).matches()) {
            throw new InvalidInputException("mnemo.cassandra.keyspace must be 1-48 letters, digits or _ starting"
                    + " with a letter, got '" + keyspace + "'");
        }
        replication = Map.copyOf(replication);
        if (!replication.containsKey("class")) {
            throw new InvalidInputException("mnemo.cassandra.replication needs a 'class' entry, got " + replication.keySet());
        }
        replication.forEach((k, v) -> {
            if (!REPLICATION_WORD.matcher(k).matches() || !REPLICATION_WORD.matcher(v).matches()) {
                throw new InvalidInputException("mnemo.cassandra.replication entry '" + k + "=" + v
                        + "' may hold only letters, digits, '_' and '.'");
            }
        });
        Objects.requireNonNull(writeConsistency, "writeConsistency");
        Objects.requireNonNull(readConsistency, "readConsistency");
        if ((username == null) != (password == null)) {
            throw new InvalidInputException("mnemo.cassandra.username and .password must be set together");
        }
        requestTimeout = positive("request-timeout-ms", requestTimeout);
        connectTimeout = positive("connect-timeout-ms", connectTimeout);
        if (defaultTtl != null && positive("default-ttl-s", defaultTtl).compareTo(MAX_TTL) > 0) {
            throw new InvalidInputException("mnemo.cassandra.default-ttl-s is " + defaultTtl.toSeconds()
                    + " s, more than Cassandra's maximum of " + MAX_TTL.toSeconds() + " s (20 years)");
        }
        if (maxTextChars < 1) {
            throw new InvalidInputException(MAX_TEXT_CHARS_KEY + " must be positive, got " + maxTextChars);
        }
        if (maxMetadataEntries < 0 || maxMetadataBytes < 0) {
            throw new InvalidInputException(MAX_METADATA_ENTRIES_KEY + " and " + MAX_METADATA_BYTES_KEY
                    + " must not be negative, got " + maxMetadataEntries + " and " + maxMetadataBytes);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code mnemo.cassandra.*} (and {@code mnemo.store.max-text-chars},
     * {@code mnemo.metadata.max-entries}, {@code mnemo.metadata.max-bytes}) from a map of
     * configuration keys; missing keys keep their defaults, an unknown {@code mnemo.cassandra.} key
     * is an error naming the known ones.
     */
    public static CassandraConfig fromProperties(Map<String, String> properties) {
        Builder b = builder();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            switch (e.getKey()) {
                case MAX_TEXT_CHARS_KEY -> b.maxTextChars(parseInt(e.getKey(), e.getValue()));
                case MAX_METADATA_ENTRIES_KEY -> b.maxMetadataEntries(parseInt(e.getKey(), e.getValue()));
                case MAX_METADATA_BYTES_KEY -> b.maxMetadataBytes(parseInt(e.getKey(), e.getValue()));
                default -> {
                    // not a store limit: a mnemo.cassandra. key or one for another component
                }
            }
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            String key = e.getKey().substring(PREFIX.length());
            String value = e.getValue().trim();
            switch (key) {
                case "contact-points" -> b.contactPoints(parseContactPoints(value));
                case "local-datacenter" -> b.localDatacenter(value);
                case "keyspace" -> b.keyspace(value);
                case "replication" -> b.replication(parseMap(e.getKey(), value));
                case "write-consistency" -> b.writeConsistency(parseConsistency(e.getKey(), value));
                case "read-consistency" -> b.readConsistency(parseConsistency(e.getKey(), value));
                case "username" -> b.username(value);
                case "password" -> b.password(e.getValue());
                case "request-timeout-ms" -> b.requestTimeout(Duration.ofMillis(parseLong(e.getKey(), value)));
                case "connect-timeout-ms" -> b.connectTimeout(Duration.ofMillis(parseLong(e.getKey(), value)));
                case "default-ttl-s" -> b.defaultTtl(Duration.ofSeconds(parseLong(e.getKey(), value)));
                default -> throw new InvalidInputException("unknown configuration key " + e.getKey() + "; known: "
                        + KEYS.stream().sorted().map(k -> PREFIX + k).toList());
            }
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "CassandraConfig[contactPoints=" + contactPointsText() + ", localDatacenter=" + localDatacenter
                + ", keyspace=" + keyspace + ", replication=" + new TreeMap<>(replication)
                + ", writeConsistency=" + writeConsistency + ", readConsistency=" + readConsistency
                + ", username=" + (username == null ? "none" : username) + ", password="
                + (password == null ? "none" : "****") + ", requestTimeout=" + requestTimeout
                + ", connectTimeout=" + connectTimeout + ", defaultTtl=" + (defaultTtl == null ? "none" : defaultTtl)
                + ", maxTextChars=" + maxTextChars + ", maxMetadataEntries=" + maxMetadataEntries
                + ", maxMetadataBytes=" + maxMetadataBytes + "]";
    }

    /** The contact points as {@code host:port,...}, the form {@code mnemo.cassandra.contact-points} takes. */
    public String contactPointsText() {
        return String.join(",", contactPoints.stream().map(a -> a.getHostString() + ":" + a.getPort()).toList());
    }

    private static Duration positive(String key, Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidInputException("mnemo.cassandra." + key + " must be positive, got " + value);
        }
        return value;
    }

    static List<InetSocketAddress> parseContactPoints(String value) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.lastIndexOf(':');
            boolean hasPort = colon > 0 && p.indexOf(':') == colon; // one colon: host:port (not bare IPv6)
            String host = hasPort ? p.substring(0, colon) : p;
            int port = hasPort ? parseLong(PREFIX + "contact-points", p.substring(colon + 1)).intValue() : DEFAULT_PORT;
            if (port < 1 || port > 65535) {
                throw new InvalidInputException(PREFIX + "contact-points: port " + port + " of '" + p + "' is out of range");
            }
            out.add(InetSocketAddress.createUnresolved(host, port));
        }
        return out;
    }

    private static Map<String, String> parseMap(String key, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(key + " must be key=value pairs separated by commas, got '" + part.trim() + "'");
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    private static Consistency parseConsistency(String key, String value) {
        try {
            return Consistency.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(key + ": unknown consistency level '" + value + "'; known: "
                    + List.of(Consistency.values()));
        }
    }

    private static Long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key + " must be a whole number, got '" + value + "'");
        }
    }

    private static int parseInt(String key, String value) {
        long v = parseLong(key, value);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new InvalidInputException(key + " is out of range, got '" + value + "'");
        }
        return (int) v;
    }

    /** Builder with the documented defaults; {@link #build()} validates every value. */
    public static final class Builder {
        private List<InetSocketAddress> contactPoints = List.of(InetSocketAddress.createUnresolved("127.0.0.1", DEFAULT_PORT));
        private String localDatacenter = DEFAULT_DATACENTER;
        private String keyspace = DEFAULT_KEYSPACE;
        private Map<String, String> replication = DEFAULT_REPLICATION;
        private Consistency writeConsistency = Consistency.LOCAL_QUORUM;
        private Consistency readConsistency = Consistency.LOCAL_QUORUM;
        private String username;
        private String password;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration defaultTtl;
        private int maxTextChars = DEFAULT_MAX_TEXT_CHARS;
        private int maxMetadataEntries = DEFAULT_MAX_METADATA_ENTRIES;
        private int maxMetadataBytes = DEFAULT_MAX_METADATA_BYTES;

        private Builder() {
        }

        public Builder contactPoints(List<InetSocketAddress> value) {
            this.contactPoints = value;
            return this;
        }

        public Builder contactPoint(String host, int port) {
            return contactPoints(List.of(InetSocketAddress.createUnresolved(host, port)));
        }

        public Builder localDatacenter(String value) {
            this.localDatacenter = value;
            return this;
        }

        public Builder keyspace(String value) {
            this.keyspace = value;
            return this;
        }

        public Builder replication(Map<String, String> value) {
            this.replication = value;
            return this;
        }

        public Builder writeConsistency(Consistency value) {
            this.writeConsistency = value;
            return this;
        }

        public Builder readConsistency(Consistency value) {
            this.readConsistency = value;
            return this;
        }

        public Builder username(String value) {
            this.username = value;
            return this;
        }

        public Builder password(String value) {
            this.password = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder defaultTtl(Duration value) {
            this.defaultTtl = value;
            return this;
        }

        public Builder maxTextChars(int value) {
            this.maxTextChars = value;
            return this;
        }

        public Builder maxMetadataEntries(int value) {
            this.maxMetadataEntries = value;
            return this;
        }

        public Builder maxMetadataBytes(int value) {
            this.maxMetadataBytes = value;
            return this;
        }

        public CassandraConfig build() {
            return new CassandraConfig(contactPoints, localDatacenter, keyspace, replication, writeConsistency,
                    readConsistency, username, password, requestTimeout, connectTimeout, defaultTtl, maxTextChars,
                    maxMetadataEntries, maxMetadataBytes);
        }
    }
}
