package dev.mnemo.migrate;

import static dev.mnemo.migrate.LegacyTestFiles.assumePython;
import static dev.mnemo.migrate.LegacyTestFiles.python;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mnemo.api.CorruptFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegacyTextsPickleTest {
    /** Texts that exercise every string opcode, memo reuse, several APPENDS batches and frames. */
    private static final String MAKE_TEXTS = String.join("\n",
            "import sys, json, pickle",
            "shared = '说点什么吧。'",
            "texts = ['', 'hi', 'hi', shared, shared, '用户: 你好\\n助手: 🐺 \\x1b[33m', 'x' * 300, 'y' * 70000]",
            "texts += ['line %d ✓' % i for i in range(2500)]",
            "open(sys.argv[1], 'wb').write(pickle.dumps(texts, protocol=int(sys.argv[2])))",
            "open(sys.argv[3], 'w', encoding='utf-8').write(json.dumps(texts))");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void readsAListOfStrPickledByPython(int protocol) throws IOException {
        assumePython();
        Path pickle = dir.resolve("t_texts.pkl");
        Path expected = dir.resolve("expected.json");
        python(MAKE_TEXTS, pickle.toString(), Integer.toString(protocol), expected.toString());

        List<String> texts = LegacyTextsPickle.read(pickle);

        List<String> want = new ObjectMapper().readValue(expected.toFile(), new TypeReference<List<String>>() { });
        assertThat(texts).hasSize(2508).isEqualTo(want);
    }

    @Test
    void refusesAPickleThatCallsOsSystemAndRunsNothing() {
        assumePython();
        String make = String.join("\n",
                "import sys, os, pickle",
                "class Evil:",
                "    def __init__(self, marker): self.marker = marker",
                "    def __reduce__(self): return (os.system, ('touch ' + self.marker,))",
                "open(sys.argv[1], 'wb').write(pickle.dumps(['a', Evil(sys.argv[2])], protocol=4))");
        Path evil = dir.resolve("evil_texts.pkl");
        Path marker = dir.resolve("executed-by-java");
        python(make, evil.toString(), marker.toString());
        // control: the same payload is live when Python itself loads it
        Path control = dir.resolve("control_texts.pkl");
        Path pythonMarker = dir.resolve("executed-by-python");
        python(make, control.toString(), pythonMarker.toString());
        python("import sys, pickle; pickle.loads(open(sys.argv[1], 'rb').read())", control.toString());
        assertThat(pythonMarker).exists();

        assertThatThrownBy(() -> LegacyTextsPickle.read(evil))
                .isInstanceOf(UnsafePickleException.class)
                .hasMessageContaining("evil_texts.pkl")
                .hasMessageContaining("STACK_GLOBAL");
        assertThat(marker).doesNotExist();
    }

    @Test
    void refusesTheCommittedReducePickle() throws IOException {
        Path marker = Path.of("/tmp/mnemo-legacy-pickle-was-executed");
        Files.deleteIfExists(marker);
        Path evil = dir.resolve("committed_texts.pkl");
        try (InputStream in = getClass().getResourceAsStream("malicious_reduce.pkl")) {
            Files.write(evil, in.readAllBytes());
        }

        assertThatThrownBy(() -> LegacyTextsPickle.read(evil))
                .isInstanceOf(UnsafePickleException.class)
                .hasMessageContaining("refused pickle opcode STACK_GLOBAL");
        assertThat(marker).doesNotExist();
    }

    @Test
    void refusesAProtocol0GlobalAndReduce() {
        // c<module>\n<name>\n is GLOBAL: refused before razorvine looks the name up
        Path evil = dir.resolve("p0_texts.pkl");
        LegacyTestFiles.write(evil, "cos\nsystem\n(S'true'\ntR.".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> LegacyTextsPickle.read(evil))
                .isInstanceOf(UnsafePickleException.class)
                .hasMessageContaining("GLOBAL (0x63)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{'a': 'b'}",                      // a dict
            "('a', 'b')",                      // a tuple
            "['a', b'bytes']",                 // bytes in the list
            "['a', 1]",                        // an int in the list
            "['a', ['b']]",                    // a nested list
            "['a', None]",                     // None
            "['a', __import__('datetime').date(2024, 11, 1)]", // an object built from a global
            "'just a string'"})
    void refusesAnythingButAListOfStr(String pythonValue) {
        assumePython();
        Path file = dir.resolve("odd_texts.pkl");
        python("import sys, pickle; open(sys.argv[1], 'wb').write(pickle.dumps(eval(sys.argv[2]), protocol=4))",
                file.toString(), pythonValue);

        assertThatThrownBy(() -> LegacyTextsPickle.read(file))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("odd_texts.pkl");
    }

    @Test
    void aListThatContainsItselfIsNotAListOfStr() {
        assumePython();
        Path file = dir.resolve("loop_texts.pkl");
        python("import sys, pickle\nx = ['a']\nx.append(x)\nopen(sys.argv[1], 'wb').write(pickle.dumps(x, protocol=4))",
                file.toString());

        assertThatThrownBy(() -> LegacyTextsPickle.read(file))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("item 1 is");
    }

    @Test
    void refusesATruncatedPickleAsCorrupt() throws IOException {
        Path file = dir.resolve("cut_texts.pkl");
        LegacyTestFiles.writeTextsPickle(file, List.of("one", "two", "three"));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));

        assertThatThrownBy(() -> LegacyTextsPickle.read(file))
                .isInstanceOf(CorruptFileException.class)
                .isNotInstanceOf(UnsafePickleException.class)
                .hasMessageContaining("cut_texts.pkl");
    }

    @Test
    void refusesAnEmptyFileAndGarbage() {
        Path empty = dir.resolve("empty_texts.pkl");
        LegacyTestFiles.write(empty, new byte[0]);
        Path garbage = dir.resolve("garbage_texts.pkl");
        LegacyTestFiles.write(garbage, "{\"not\": \"a pickle\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> LegacyTextsPickle.read(empty))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("empty_texts.pkl");
        assertThatThrownBy(() -> LegacyTextsPickle.read(garbage))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("garbage_texts.pkl");
    }

    @Test
    void aHugeStringLengthIsReportedNotAllocated() {
        // PROTO 4, EMPTY_LIST, BINUNICODE8 claiming 2^40 bytes, then 3 bytes
        ByteBuffer b = ByteBuffer.allocate(2 + 1 + 1 + 8 + 3).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x80).put((byte) 4).put((byte) ']').put((byte) 0x8d).putLong(1L << 40).put("abc".getBytes());
        Path file = dir.resolve("huge_texts.pkl");
        LegacyTestFiles.write(file, b.array());

        assertThatThrownBy(() -> LegacyTextsPickle.read(file))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("1099511627776 bytes but only 3 bytes left");
    }
}
