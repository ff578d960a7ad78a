package dev.mnemo.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on channel {@code mnemo_change} (notified by the change-feed trigger at commit, with the
 * store's id as payload) on a connection of its own, and tells the stores of this process that
 * subscribed to that id. After losing the connection it reconnects and tells every subscriber,
 * since notifications sent meanwhile are lost. Only a wake-up: searches catch up on their own.
 *
 * <p>Thread-safe; one daemon thread, started by the first subscription.
 */
final class ChangeListener implements AutoCloseable {
    static final String CHANNEL = "mnemo_change";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long RETRY_MILLIS = 1000;

    private final PostgresSettings settings;
    private final Map<Long, List<Runnable>> subscribers = new ConcurrentHashMap<>();
    private final Object startLock = new Object();
    private volatile Thread thread;
    private volatile boolean closed;

    ChangeListener(PostgresSettings settings) {
        this.settings = settings;
    }

    /** Calls {@code listener} when another transaction committed changes to the store; returns the unsubscription. */
    Runnable subscribe(long storeId, Runnable listener) {
        subscribers.computeIfAbsent(storeId, k -> new CopyOnWriteArrayList<>()).add(listener);
        start();
        return () -> {
            List<Runnable> list = subscribers.get(storeId);
            if (list != null) {
                list.remove(listener);
            }
        };
    }

    /** True on the listener's own thread (where subscribers' catch-ups run). */
    boolean onListenerThread() {
        return Thread.currentThread() == thread;
    }

    private void start() {
        synchronized (startLock) {
            if (thread == null && !closed) {
                thread = new Thread(this::run, "mnemo-postgres-listener");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    private void run() {
        Connection connection = null;
        while (!closed) {
            try {
                if (connection == null) {
                    connection = connect();
                    tellAll(); // whatever was notified while we were not listening
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notifications != null) {
                    for (PGNotification n : notifications) {
                        tell(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                LOG.debug("change listener lost its connection, reconnecting: {}", e.getMessage());
                closeQuietly(connection);
                connection = null;
                pause();
            }
        }
        closeQuietly(connection);
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        props.setProperty("ApplicationName", "mnemo-listener");
        Connection c = DriverManager.getConnection(settings.url(), props);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        }
        return c;
    }

    private void tell(String payload) {
        try {
            List<Runnable> list = subscribers.get(Long.parseLong(payload));
            if (list != null) {
                list.forEach(Runnable::run);
            }
        } catch (NumberFormatException e) {
            LOG.debug("ignoring notification with payload {}", payload);
        }
    }

    private void tellAll() {
        subscribers.values().forEach(list -> list.forEach(Runnable::run));
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the listener connection: {}", e.getMessage());
            }
        }
    }

    /** Stops the thread (within one poll) and closes its connection. Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (startLock) {
            closed = true;
            t = thread;
        }
        if (t != null) {
            try {
                t.join(POLL_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
