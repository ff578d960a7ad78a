package dev.mnemo.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
 * <p>Subscribers run on a second thread, so a long catch-up never holds notifications up, and a
 * store's wake-ups are coalesced: while one is queued, more notifications for the store add
 * nothing (the queued catch-up reads them all), so a burst of commits costs one catch-up, not one each.
 *
 * <p>Thread-safe; two daemon threads, started by the first subscription.
 */
final class ChangeListener implements AutoCloseable {
    static final String CHANNEL = "mnemo_change";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long RETRY_MILLIS = 1000;

    private final PostgresSettings settings;
    private final Map<Long, List<Runnable>> subscribers = new ConcurrentHashMap<>();
    /** Stores with a wake-up queued and not yet started. */
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mnemo-postgres-catch-up");
        t.setDaemon(true);
        catchUpThread = t;
        return t;
    });
    private volatile Thread catchUpThread;
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

    /** True on the thread where subscribers' catch-ups run. */
    boolean onListenerThread() {
        return Thread.currentThread() == catchUpThread;
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
            wakeUp(Long.parseLong(payload));
        } catch (NumberFormatException e) {
            LOG.debug("ignoring notification with payload {}", payload);
        }
    }

    private void tellAll() {
        subscribers.keySet().forEach(this::wakeUp);
    }

    private void wakeUp(long storeId) {
        if (!subscribers.containsKey(storeId) || !queued.add(storeId)) {
            return; // not ours, or a wake-up is queued already and will see this change too
        }
        try {
            wakeUps.execute(() -> {
                queued.remove(storeId); // from here on, a new notification queues another catch-up
                List<Runnable> list = subscribers.get(storeId);
                if (list != null) {
                    list.forEach(this::runQuietly);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.remove(storeId); // closing
        }
    }

    private void runQuietly(Runnable subscriber) {
        try {
            subscriber.run();
        } catch (RuntimeException e) {
            LOG.debug("a change subscriber failed: {}", e.getMessage());
        }
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
        wakeUps.shutdown();
        try {
            if (t != null) {
                t.join(POLL_MILLIS * 4L);
            }
            wakeUps.awaitTermination(POLL_MILLIS * 4L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
