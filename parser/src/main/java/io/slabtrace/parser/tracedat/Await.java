package io.slabtrace.parser.tracedat;

import io.slabtrace.parser.InputException;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for work a reader started on another thread, so that the input's errors come out as the reader's own. */
final class Await {
    private Await() {
    }

    /** {@code f}'s result; an InputException or a runtime failure it ended in is thrown as it is. */
    static <T> T result(Future<T> f, String doing) throws InputException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InputException ie) throw ie;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while " + doing, e);
        }
    }
}
