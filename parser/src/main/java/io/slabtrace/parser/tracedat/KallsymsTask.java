package io.slabtrace.parser.tracedat;

import io.slabtrace.parser.InputException;
import io.slabtrace.parser.ringbuffer.Kallsyms;

import java.util.concurrent.FutureTask;

/** Reads the kallsyms of a trace.dat on a daemon thread; {@link #get} waits for them and reports their damage. */
final class KallsymsTask {
    interface Load {
        Kallsyms load() throws InputException;
    }

    private final FutureTask<Kallsyms> task;

    private KallsymsTask(Load load) {
        task = new FutureTask<>(load::load);
    }

    static KallsymsTask start(Load load) {
        KallsymsTask t = new KallsymsTask(load);
        Thread thread = new Thread(t.task, "trace.dat kallsyms");
        thread.setDaemon(true);
        thread.start();
        return t;
    }

    static KallsymsTask none() {
        KallsymsTask t = new KallsymsTask(Kallsyms::empty);
        t.task.run();
        return t;
    }

    Kallsyms get() throws InputException {
        return Await.result(task, "reading kallsyms");
    }

    /** When the read stops early (damage found elsewhere), the thread's result is not waited for. */
    void abandon() {
        task.cancel(true);
    }
}
