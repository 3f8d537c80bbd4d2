package io.slabtrace.parser.binary;

import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.trace.KmemTraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The binary path and the project's text path (KmemTraceReader on the trace-cmd report of the same
 * capture) give the same events, field for field, so a replay of either is the same. Times differ below the
 * microsecond the text prints, kfree(NULL) included (trace-cmd prints its pointer as {@code (nil)}).
 */
class TextAndBinaryAgreeTest {
    @TempDir
    Path tmp;

    @Test
    void reportTextAndTraceDatGiveTheSameEvents() throws Exception {
        List<KmemEvent> binary = new ArrayList<>(), text = new ArrayList<>();
        TraceStats b = BinaryTraces.read(Samples.capture("kmem-v7-zstd.dat", tmp), binary::add);
        TraceStats t = new KmemTraceReader(Problems.collecting()).read(Samples.DIR.resolve("kmem-v7-zstd.report.txt.gz").toString(), text::add);
        long nullFrees = binary.stream().filter(e -> e.kind() == KmemEvent.Kind.KFREE && e.ptr() == 0).count();
        assertEquals(1674, nullFrees, "kfree(NULL) events in the capture: ptr=(nil) lines of its report");
        assertEquals(b.events(), t.events(), t + " / " + b);
        assertEquals(nullFrees, t.nullFrees());
        assertEquals(b.byKind(), t.byKind());
        assertEquals(0, t.skippedLines());
        for (int j = 0; j < binary.size(); j++) {
            assertTrue(same(binary.get(j), text.get(j)), "event " + j + ": " + binary.get(j) + " / " + text.get(j));
        }
    }

    private static boolean same(KmemEvent binary, KmemEvent text) {
        KmemEvent atTextPrecision = new KmemEvent(binary.kind(), binary.cpu(), Samples.roundedMicros(binary.time()) / 1e6, binary.callSite(),
                binary.ptr(), binary.name(), binary.bytesReq(), binary.bytesAlloc(), binary.gfpFlags(), binary.node(), binary.accounted());
        KmemEvent textRounded = new KmemEvent(text.kind(), text.cpu(), Samples.roundedMicros(text.time()) / 1e6, text.callSite(), text.ptr(),
                text.name(), text.bytesReq(), text.bytesAlloc(), text.gfpFlags(), text.node(), text.accounted());
        return atTextPrecision.equals(textRounded);
    }
}
