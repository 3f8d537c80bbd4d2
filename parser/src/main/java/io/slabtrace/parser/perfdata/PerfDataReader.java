package io.slabtrace.parser.perfdata;

import io.slabtrace.model.trace.EventTally;
import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.ringbuffer.Kallsyms;
import io.slabtrace.parser.ringbuffer.KmemDecoder;
import io.slabtrace.parser.tracedat.BufferInput;
import io.slabtrace.parser.tracedat.FileInput;
import io.slabtrace.parser.tracedat.TraceMetadata;
import io.slabtrace.parser.tracedat.TracingData;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams the kmem events of a perf.data written by {@code perf record -e kmem:...}
 * (tools/perf/Documentation/perf.data-file-format.txt; tools/perf/util/header.c reads the header,
 * session.c the records): the file header, the attrs and their sample ids, the HEADER_TRACING_DATA feature
 * section (trace.dat's metadata: formats, no kallsyms, so call sites stay addresses as with
 * {@code perf kmem --raw-ip}), then the data records one at a time:
 * <ul>
 * <li>PERF_RECORD_SAMPLE of a tracepoint attr: its PERF_SAMPLE_RAW bytes decoded by the format whose id is the
 *     attr's config; in time order through a {@link ReorderWindow};</li>
 * <li>PERF_RECORD_LOST (the kernel could not write records) and PERF_RECORD_LOST_SAMPLES: lost events. perf
 *     record (6.0+) writes LOST_SAMPLES at the end from each event's PERF_FORMAT_LOST count, the same samples
 *     the kernel's LOST records reported while recording: the larger of the two sums is taken, not their sum;</li>
 * <li>FINISHED_ROUND orders; every other record (MMAP, COMM, FORK, samples of other events) counts as another event.</li>
 * </ul>
 * Memory: the metadata, attrs, a 64 KiB read window and the reorder window.
 */
public final class PerfDataReader {
    private static final int RECORD_LOST = 2, RECORD_SAMPLE = 9, RECORD_LOST_SAMPLES = 13, RECORD_FINISHED_ROUND = 68,
            RECORD_COMPRESSED = 81;
    private static final int HEADER_SIZE = 104, FEATURE_TRACING_DATA = 1, FEATURE_OSRELEASE = 4, FEATURE_BITS = 256;
    private static final int RECORD_MMAP = 1, RECORD_MMAP2 = 10;

    private PerfDataReader() {
    }

    /**
     * The events of the file, streamed to {@code sink}. Damage found by the format's rules is an InputException; for
     * the guarantee that nothing else escapes (and the magic check), read through {@code BinaryTraces.read}.
     */
    public static TraceStats read(Path file, Consumer<KmemEvent> sink) throws InputException {
        return read(file, sink, true);
    }

    /**
     * As {@link #read(Path, Consumer)}; {@code hostNames}: name the call sites from this host's kallsyms when it runs the
     * release the file was recorded on (as perf kmem does), else leave them as addresses (as perf kmem --raw-ip).
     */
    public static TraceStats read(Path file, Consumer<KmemEvent> sink, boolean hostNames) throws InputException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(new FileInput(channel, file), sink, hostNames);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static TraceStats read(FileInput in, Consumer<KmemEvent> sink, boolean hostNames) throws InputException {
        Path file = in.file();
        byte[] magic = in.bytes(8);
        String m = new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteOrder order = switch (m) {
            case "PERFILE2" -> ByteOrder.LITTLE_ENDIAN;
            case "2ELIFREP" -> ByteOrder.BIG_ENDIAN;
            default -> throw in.damaged("no perf.data magic (PERFILE2)", 0);
        };
        in.order(order);
        long headerSize = in.u64();
        if (headerSize != HEADER_SIZE) {
            throw in.damaged(headerSize == 16 ? "a perf.data in pipe mode (perf record -o -), which this reader does not read"
                    : "a perf.data header of " + headerSize + " bytes (" + HEADER_SIZE + " expected)", 8);
        }
        long attrSize = in.u64(), attrsOffset = in.u64(), attrsSize = in.u64(), dataOffset = in.u64(), dataSize = in.u64();
        in.u64();
        in.u64(); // event_types: unused since 2009
        long[] features = new long[FEATURE_BITS / 64];
        for (int i = 0; i < features.length; i++) features[i] = in.u64();

        if (dataSize == 0 && dataOffset <= in.fileSize()) dataSize = in.fileSize() - dataOffset; // perf record killed before it wrote the header
        if (dataOffset < HEADER_SIZE || dataOffset + dataSize > in.fileSize() || dataOffset + dataSize < 0) {
            throw in.damaged("data section [" + dataOffset + ", +" + dataSize + ") outside the file of " + in.fileSize() + " bytes", 40);
        }
        List<PerfAttr> attrs = new ArrayList<>();
        Map<Long, PerfAttr> byId = new HashMap<>();
        attrs(in, attrSize, attrsOffset, attrsSize, attrs, byId);
        TraceMetadata meta = tracingData(in, features, dataOffset + dataSize);
        Kallsyms host = hostNames && meta.kallsyms.isEmpty()
                ? HostKallsyms.forRecording(osRelease(in, features, dataOffset + dataSize), kernelText(in, dataOffset, dataOffset + dataSize))
                : null;
        KmemDecoder decoder = new KmemDecoder(meta.formats, host != null ? host : meta.kallsyms);

        boolean oneSampleType = attrs.stream().map(PerfAttr::sampleType).distinct().count() == 1;
        int idOffset = oneSampleType ? SampleFields.idOffset(attrs.get(0).sampleType()) : 8;
        if (!oneSampleType && attrs.stream().anyMatch(a -> (a.sampleType() & SampleFields.IDENTIFIER) == 0)) {
            throw in.damaged("attrs of different sample types without PERF_SAMPLE_IDENTIFIER: samples cannot be told apart", attrsOffset);
        }

        ReorderWindow window = new ReorderWindow(sink);
        SampleFields sample = new SampleFields();
        long other = 0, skipped = 0, lostRecords = 0, lostSamples = 0;
        EventTally tally = new EventTally();
        long lastId = 0;
        PerfAttr lastAttr = null; // samples come in runs of one event: the id map is asked once per run
        byte[] recBytes = new byte[1 << 16];
        ByteBuffer rec = ByteBuffer.wrap(recBytes).order(order); // one record at a time, its 8-byte header's place left at 0..7
        in.seek(dataOffset);
        long end = dataOffset + dataSize;
        while (in.offset() < end) {
            long at = in.offset();
            if (end - at < 8) throw in.damaged("a record header cut by the end of the data section", at);
            int type = (int) in.u32();
            in.u16(); // misc
            int size = in.u16();
            if (size < 8) throw in.damaged("a record of " + size + " bytes (at least its 8-byte header)", at);
            if (at + size > end) throw in.damaged("a record of " + size + " bytes that runs past the data section", at);
            in.read(recBytes, 8, size - 8);
            switch (type) {
                case RECORD_SAMPLE -> {
                    PerfAttr attr = null;
                    if (attrs.size() == 1) {
                        attr = attrs.get(0);
                    } else if (idOffset >= 0 && idOffset + 8 <= size) {
                        long id = rec.getLong(idOffset);
                        if (lastAttr == null || id != lastId) {
                            lastAttr = byId.get(id);
                            lastId = id;
                        }
                        attr = lastAttr;
                    }
                    if (attr == null) {
                        skipped++;
                    } else if (!attr.isTracepoint()) {
                        other++;
                    } else if (!sample.parse(rec, 0, size, attr) || sample.rawOffset < 0) {
                        skipped++;
                    } else {
                        double time = sample.time == -1 ? Double.NaN : sample.time / 1e9;
                        KmemEvent e = decoder.decode(rec, sample.rawOffset, sample.rawLength, (int) attr.config(), sample.cpu, time);
                        if (e != null) {
                            tally.count(e);
                            if (sample.time == -1) {
                                window.flushAll();
                                sink.accept(e);
                            } else {
                                window.add(sample.time, e);
                            }
                        } else if (decoder.status() == KmemDecoder.Status.OTHER_EVENT) {
                            other++;
                        } else {
                            skipped++;
                        }
                    }
                }
                case RECORD_LOST -> {
                    if (size < 24) throw in.damaged("a LOST record of " + size + " bytes", at);
                    lostRecords += rec.getLong(16); // u64 id, u64 lost
                }
                case RECORD_LOST_SAMPLES -> {
                    if (size < 16) throw in.damaged("a LOST_SAMPLES record of " + size + " bytes", at);
                    lostSamples += rec.getLong(8);
                }
                case RECORD_FINISHED_ROUND -> window.roundFinished();
                case RECORD_COMPRESSED -> throw in.damaged("zstd-compressed records (perf record -z), which this reader does not read yet", at);
                default -> other++;
            }
        }
        window.flushAll();
        return tally.stats(Math.max(lostRecords, lostSamples), other, skipped, file + " (perf.data"
                + (host != null ? "; call sites named by this host's /proc/kallsyms, the same release" : "")
                + (skipped == 0 ? "" : meta.unreadable(decoder)) + ")", 0);
    }

    /**
     * The attrs section: entries of the header's attr_size bytes, each a {@code struct perf_file_attr}
     * (header.c): the perf_event_attr, then a {u64 offset, u64 size} of its sample ids in the entry's last 16 bytes.
     */
    private static void attrs(FileInput in, long attrSize, long offset, long size, List<PerfAttr> attrs, Map<Long, PerfAttr> byId)
            throws InputException {
        if (attrSize < 64 || attrSize > 4096) throw in.damaged("attr entries of " + attrSize + " bytes", 16);
        long entry = attrSize;
        if (size % entry != 0 || size == 0 || offset < 0 || offset + size > in.fileSize()) {
            throw in.damaged("an attrs section of " + size + " bytes at offset " + offset + " (entries of " + entry + ")", 24);
        }
        for (long a = 0; a < size / entry; a++) {
            long at = offset + a * entry;
            in.seek(at);
            int type = (int) in.u32();
            in.u32(); // size
            long config = in.u64();
            in.u64(); // sample_period
            long sampleType = in.u64(), readFormat = in.u64();
            in.seek(at + attrSize - 16);
            long idsOffset = in.u64(), idsSize = in.u64();
            PerfAttr attr = new PerfAttr(type, config, sampleType, readFormat, "attr " + a);
            attrs.add(attr);
            if (idsSize % 8 != 0 || idsOffset < 0 || idsOffset + idsSize > in.fileSize() || idsOffset + idsSize < 0) {
                throw in.damaged("sample ids of " + idsSize + " bytes at offset " + idsOffset, at + attrSize - 16);
            }
            in.seek(idsOffset);
            for (long i = 0; i < idsSize / 8; i++) byId.put(in.u64(), attr);
        }
    }

    /**
     * The HEADER_TRACING_DATA feature section: the feature sections' {offset, size} table follows the data
     * section, one entry per feature bit set, in bit order.
     */
    private static TraceMetadata tracingData(FileInput in, long[] features, long tableOffset) throws InputException {
        if ((features[0] & (1L << FEATURE_TRACING_DATA)) == 0) throw in.damaged("a perf.data without tracing data (not recorded from tracepoints)", 72);
        int index = Long.bitCount(features[0] & ((1L << FEATURE_TRACING_DATA) - 1));
        in.seek(tableOffset + 16L * index);
        long offset = in.u64(), size = in.u64();
        if (offset < 0 || size <= 0 || offset + size > in.fileSize() || offset + size < 0 || size > Integer.MAX_VALUE - 16) {
            throw in.damaged("tracing data of " + size + " bytes at offset " + offset + " outside the file", tableOffset + 16L * index);
        }
        in.seek(offset);
        byte[] data = in.bytes((int) size);
        TraceMetadata meta = new TraceMetadata();
        BufferInput t = new BufferInput(data, ByteOrder.LITTLE_ENDIAN, in.file(), "the tracing data", offset);
        String version = TracingData.initial(t, meta);
        TracingData.headers(t, meta);
        TracingData.ftraceFormats(t, meta);
        TracingData.eventFormats(t, meta);
        TracingData.kallsyms(t, meta);
        TracingData.printk(t);
        if (!version.equals("0.5")) TracingData.cmdlines(t); // trace-event-read.c: saved cmdlines since version 0.6
        return meta;
    }

    /** HEADER_OSRELEASE ({@code uname -r} of the recording host, a perf string: u32 length, then the text), or null. */
    private static String osRelease(FileInput in, long[] features, long tableOffset) throws InputException {
        if ((features[0] & (1L << FEATURE_OSRELEASE)) == 0) return null;
        in.seek(tableOffset + 16L * Long.bitCount(features[0] & ((1L << FEATURE_OSRELEASE) - 1)));
        long offset = in.u64(), size = in.u64();
        if (offset < 0 || size < 4 || size > 4096 || offset + size > in.fileSize()) return null;
        in.seek(offset);
        long length = in.u32();
        if (length > size - 4) return null;
        String s = new String(in.bytes((int) length), java.nio.charset.StandardCharsets.ISO_8859_1);
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /**
     * Where the kernel's {@code _text} lay when the file was recorded: the pgoff of the kernel map perf writes before
     * the samples ({@code [kernel.kallsyms]_text}, pid -1: util/synthetic-events.c), or 0 when none comes first.
     */
    private static long kernelText(FileInput in, long from, long to) throws InputException {
        in.seek(from);
        for (int n = 0; n < 10_000 && to - in.offset() >= 8; n++) {
            long at = in.offset();
            int type = (int) in.u32();
            in.u16();
            int size = in.u16();
            if (size < 8 || at + size > to || type == RECORD_SAMPLE) return 0;
            if ((type == RECORD_MMAP || type == RECORD_MMAP2) && size >= 48) {
                in.u32(); // pid
                in.u32(); // tid
                in.u64(); // start
                in.u64(); // len
                long pgoff = in.u64();
                long name = at + 8 + 32 + (type == RECORD_MMAP2 ? 32 : 0); // MMAP2: maj, min, ino, ino_generation, prot, flags
                if (name < at + size) {
                    in.seek(name);
                    byte[] b = in.bytes((int) Math.min(32, at + size - name));
                    if (new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("[kernel.kallsyms]_")) return pgoff;
                }
            }
            in.seek(at + size);
        }
        return 0;
    }
}
