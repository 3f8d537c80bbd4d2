package io.slabtrace.parser.binary;

import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.parser.KmemTraceReader;
import io.slabtrace.parser.Problems;
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
 * microsecond the text prints. The text path may leave out the {@code kfree(NULL)} lines: trace-cmd prints their
 * pointer as {@code (nil)}, which KmemLine does not (yet) read as NULL, so it counts them as look-alikes.
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
        assertTrue(t.events() == b.events() || t.events() == b.events() - nullFrees, t + " / " + b);

        int j = 0;
        for (KmemEvent e : binary) {
            if (j < text.size() && same(e, text.get(j))) {
                j++;
            } else {
                assertTrue(e.kind() == KmemEvent.Kind.KFREE && e.ptr() == 0, "only kfree(NULL) may be missing from the text path: " + e + " / " + text.get(j));
            }
        }
        assertEquals(text.size(), j, "every text event matched in order");
    }

    private static boolean same(KmemEvent binary, KmemEvent text) {
        KmemEvent atTextPrecision = new KmemEvent(binary.kind(), binary.cpu(), Samples.roundedMicros(binary.time()) / 1e6, binary.callSite(),
                binary.ptr(), binary.name(), binary.bytesReq(), binary.bytesAlloc(), binary.gfpFlags(), binary.node(), binary.accounted());
        KmemEvent textRounded = new KmemEvent(text.kind(), text.cpu(), Samples.roundedMicros(text.time()) / 1e6, text.callSite(), text.ptr(),
                text.name(), text.bytesReq(), text.bytesAlloc(), text.gfpFlags(), text.node(), text.accounted());
        return atTextPrecision.equals(textRounded);
    }
}
