package dev.mnemo.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one clear line on stderr and its exit code
 * ({@link ExitCodes}); the stack trace only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code = ExitCodes.of(ex);
        err.println("mnemo " + commandLine.getCommandName() + ": error: " + message(ex, code));
        if (verbose(commandLine)) {
            ex.printStackTrace(err);
        } else if (code == ExitCodes.UNEXPECTED) {
            err.println("(run with --verbose for the stack trace)");
        }
        err.flush();
        return code;
    }

    private static boolean verbose(CommandLine commandLine) {
        return commandLine.getCommand() instanceof BaseCommand b && b.global().verbose();
    }

    private static String message(Throwable e, int code) {
        String text = e.getMessage();
        if (text == null || text.isBlank()) {
            text = e.getClass().getSimpleName();
        } else if (code == ExitCodes.UNEXPECTED) {
            text = e.getClass().getSimpleName() + ": " + text;
        }
        if (e.getCause() != null && code == ExitCodes.STORAGE && e.getCause().getMessage() != null
                && !text.contains(e.getCause().getMessage())) {
            text += " (" + e.getCause().getMessage() + ")";
        }
        return text.replace('\n', ' ');
    }
}
