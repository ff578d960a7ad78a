package dev.mnemo.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Process entry point of {@code mnemo}: the only place that calls {@code System.exit}.
 * Installs the Ctrl-C handling: the shutdown hook asks the command to stop at its next batch
 * boundary and waits for it to close the store, so an interrupted import leaves whole batches.
 */
public final class Main {
    /** How long Ctrl-C waits for the current batch and the index save before the JVM goes down anyway. */
    private static final long STOP_GRACE_SECONDS = 30;

    private Main() {
    }

    public static void main(String[] args) {
        Logging.configure(args, System.getenv());
        Cancellation cancellation = new Cancellation();
        Thread hook = new Thread(() -> {
            cancellation.request();
            cancellation.awaitFinished(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        }, "mnemo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try {
            code = MnemoCommand.commandLine(new MnemoCommand(System.getenv(), cancellation))
                    .setOut(utf8(System.out))
                    .setErr(utf8(System.err))
                    .execute(args);
        } finally {
            cancellation.finished();
        }
        System.exit(code);
    }

    /**
     * Output is always UTF-8: JSON must be (RFC 8259), and a JDK 17 under the C locale would
     * otherwise print every Chinese character as '?'.
     */
    private static PrintWriter utf8(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
