package dev.mnemo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the log lines of Mnemo and its dependencies go, set once per process before anything
 * logs: the terminal shows only the command's own output. Without {@code --verbose}, warnings
 * and errors go to {@code mnemo.log} in the data directory when it exists, else nowhere; with it,
 * informational lines go to stderr. java.util.logging (JVector, the ONNX runtime) is sent through
 * the same SLF4J logger, so both end up in one place.
 */
final class Logging {
    /** The log file in the data directory. */
    static final String FILE_NAME = "mnemo.log";

    private static final String SIMPLE = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    /**
     * Configures logging for a {@code mnemo} process from its arguments and environment (before
     * picocli parses them: the logger must be set up before the first library class loads).
     */
    static void configure(String[] args, Map<String, String> environment) {
        boolean verbose = false;
        for (String a : args) {
            verbose |= "--verbose".equals(a);
        }
        if (verbose) {
            setDefault(SIMPLE + "logFile", "System.err");
            setDefault(SIMPLE + "defaultLogLevel", "info");
        } else {
            Path dir = dataDir(args, environment);
            if (Files.isDirectory(dir)) {
                setDefault(SIMPLE + "logFile", dir.resolve(FILE_NAME).toString());
                setDefault(SIMPLE + "defaultLogLevel", "warn");
                setDefault(SIMPLE + "showDateTime", "true");
                setDefault(SIMPLE + "dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
                // the ONNX model's tokenizer library warns about CUDA on every machine without a GPU
                setDefault(SIMPLE + "log.ai.djl", "error");
            } else {
                setDefault(SIMPLE + "defaultLogLevel", "off");
            }
        }
        routeJavaUtilLogging(verbose ? Level.INFO : Level.WARNING);
    }

    /**
     * The data directory as the command will see it, as far as it can be told from the command
     * line and environment alone (a {@code --config} file naming another is not read here; its
     * log lines then go to the directory given by the rest, or nowhere).
     */
    static Path dataDir(String[] args, Map<String, String> environment) {
        String option = null;
        String define = null; // -D wins over --data-dir, as in the configuration
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--data-dir") && i + 1 < args.length) {
                option = args[i + 1];
            } else if (a.startsWith("--data-dir=")) {
                option = a.substring("--data-dir=".length());
            } else if (a.equals("-D") && i + 1 < args.length && args[i + 1].startsWith("mnemo.data-dir=")) {
                define = args[i + 1].substring("mnemo.data-dir=".length());
            } else if (a.startsWith("-Dmnemo.data-dir=")) {
                define = a.substring("-Dmnemo.data-dir=".length());
            }
        }
        String dir = define != null ? define : option != null ? option : environment.get("MNEMO_DATA_DIR");
        if (dir == null) {
            boolean demo = args.length > 0 && args[0].equals("demo");
            dir = demo ? DemoCommand.DEFAULT_DATA_DIR.toString() : "data";
        }
        return Path.of(dir);
    }

    /** Replaces java.util.logging's console handler with one that hands records to SLF4J. */
    private static void routeJavaUtilLogging(Level threshold) {
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.setLevel(threshold);
        root.addHandler(new ToSlf4j(threshold));
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** A java.util.logging handler writing each record to the SLF4J logger of the same name. */
    private static final class ToSlf4j extends Handler {
        private final SimpleFormatter formatter = new SimpleFormatter();

        ToSlf4j(Level threshold) {
            setLevel(threshold);
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            Logger logger = LoggerFactory.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
            String message = formatter.formatMessage(record);
            int level = record.getLevel().intValue();
            if (level >= Level.SEVERE.intValue()) {
                logger.error(message, record.getThrown());
            } else if (level >= Level.WARNING.intValue()) {
                logger.warn(message, record.getThrown());
            } else if (level >= Level.INFO.intValue()) {
                logger.info(message, record.getThrown());
            } else {
                logger.debug(message, record.getThrown());
            }
        }

        @Override
        public void flush() {
            // SLF4J's logger writes through at once
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
