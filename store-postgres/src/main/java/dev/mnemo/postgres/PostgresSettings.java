package dev.mnemo.postgres;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.core.config.MnemoConfig;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code mnemo.postgres.*} keys.
 *
 * <ul>
 *   <li>{@code url}: the JDBC URL, e.g. {@code jdbc:postgresql://db:5432/app} (required)</li>
 *   <li>{@code user}, {@code password}: credentials (the password is masked wherever the
 *       configuration is shown, as every key containing "password" is)</li>
 *   <li>{@code schema}: the schema holding Mnemo's tables, created on first use (default {@code mnemo});
 *       lower-case letters, digits and {@code _}</li>
 *   <li>{@code pool-size}: connections of this service, shared by all its stores (default 16)</li>
 *   <li>{@code feed-retention}: change-feed rows kept per store when an index is saved, so that
 *       instances that are behind can still replay (default 100000; fewer means they reconcile
 *       in full more often)</li>
 * </ul>
 *
 * @param url      JDBC URL
 * @param user     user name, or null when the URL carries it
 * @param password password, or null
 * @param schema   schema name
 * @param poolSize most pooled connections
 * @param feedRetention change-feed rows kept per store
 */
public record PostgresSettings(String url, String user, String password, String schema, int poolSize,
                               long feedRetention) {
    public static final String PREFIX = "mnemo.postgres.";
    public static final String URL = PREFIX + "url";
    public static final String USER = PREFIX + "user";
    public static final String PASSWORD = PREFIX + "password";
    public static final String SCHEMA = PREFIX + "schema";
    public static final String POOL_SIZE = PREFIX + "pool-size";
    public static final String FEED_RETENTION = PREFIX + "feed-retention";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresSettings {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new InvalidInputException(URL + " must be a jdbc:postgresql: URL, got "
                    + (url == null ? "nothing" : "'" + withoutQuery(url) + "'"));
        }
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new InvalidInputException(SCHEMA + " must be 1-63 lower-case letters, digits or '_' (not"
                    + " starting with a digit), got '" + schema + "'");
        }
        if (poolSize < 1 || poolSize > 1000) {
            throw new InvalidInputException(POOL_SIZE + " must be between 1 and 1000, got " + poolSize);
        }
        if (feedRetention < 0) {
            throw new InvalidInputException(FEED_RETENTION + " must not be negative, got " + feedRetention);
        }
    }

    /** Settings with the default change-feed retention. */
    public PostgresSettings(String url, String user, String password, String schema, int poolSize) {
        this(url, user, password, schema, poolSize, 100_000);
    }

    /** The settings of a configuration. */
    public static PostgresSettings of(MnemoConfig config) {
        Map<String, String> options = config.optionsUnder(PREFIX);
        return new PostgresSettings(blankToNull(options.get("url")), blankToNull(options.get("user")),
                blankToNull(options.get("password")), options.getOrDefault("schema", "mnemo").trim(),
                (int) Math.min(Integer.MAX_VALUE, number(options, "pool-size", 16, POOL_SIZE)),
                number(options, "feed-retention", 100_000,
                FEED_RETENTION));
    }

    private static long number(Map<String, String> options, String name, long fallback, String key) {
        String raw = options.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key + " must be an integer, got '" + raw + "'");
        }
    }

    /** The server and schema for messages: the URL without its parameters (which may hold credentials). */
    public String location() {
        return withoutQuery(url) + " schema " + schema;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PostgresSettings[" + location() + ", user=" + user + ", password=" + (password == null ? "none" : "****")
                + ", poolSize=" + poolSize + "]";
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
