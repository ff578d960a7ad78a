package dev.mnemo.cli;

import dev.mnemo.core.store.ProgressListener;

/**
 * Draws the store's long maintenance (filling the keyword index of an older store on open,
 * rebuilding it on reindex) as a progress bar on stderr, one bar per task; nothing when stderr is
 * not a terminal. Close it when the command ends.
 */
final class StoreProgress implements ProgressListener, AutoCloseable {
    private String task;
    private Progress bar;
    private long shown;

    @Override
    public void update(String taskName, long done, long total) {
        if (!taskName.equals(task)) {
            close();
            task = taskName;
            bar = Progress.start(taskName, total);
            shown = 0;
        }
        bar.stepBy(done - shown);
        shown = done;
        if (done >= total) {
            close();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
            task = null;
        }
    }
}
