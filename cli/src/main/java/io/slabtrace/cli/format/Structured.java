package io.slabtrace.cli.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** JSON and CSV through Jackson, with the kernel's snake_case names for every field; CSV text cells neutralised against formulas. */
public final class Structured {
    private Structured() {
    }

    /** Each mapper in its own holder: a run that writes CSV does not build the JSON one (Jackson's set-up is costly at start). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static final class Csv {
        static final CsvMapper MAPPER = (CsvMapper) new CsvMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new SimpleModule("formula-safe").addSerializer(String.class, new FormulaSafe()));
    }

    /**
     * Text cells only (numbers stay numbers, negative ones included): a cell a spreadsheet would run as a
     * formula is prefixed with a single quote, OWASP's advice against CSV injection. Cache names, call
     * sites and log text come from the input, so a crafted name must not become =HYPERLINK(...).
     */
    static final class FormulaSafe extends StdScalarSerializer<String> {
        FormulaSafe() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(neutral(value));
        }

        static String neutral(String cell) {
            return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        }
    }

    /**
     * Sets Jackson up for {@code format} and {@code type} on a side thread, so a command that writes
     * it later finds the mapper and the type's serializers ready: their set-up takes tens of
     * milliseconds before the JIT warms up, which the command's reading can hide. Nothing for tables.
     */
    public static void prepare(OutputFormat format, Class<?> type) {
        if (format == OutputFormat.table) return;
        Thread t = new Thread(() -> {
            if (format == OutputFormat.csv) Csv.MAPPER.schemaFor(type);
            else Json.MAPPER.canSerialize(type);
        }, "jackson-set-up");
        t.setDaemon(true);
        t.start();
    }

    public static void json(PrintWriter out, Object value) {
        try {
            out.println(Json.MAPPER.writeValueAsString(value));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> void csv(PrintWriter out, Class<T> rowType, List<T> rows) {
        CsvSchema schema = Csv.MAPPER.schemaFor(rowType).withHeader();
        try {
            out.print(Csv.MAPPER.writer(schema).writeValueAsString(rows));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
