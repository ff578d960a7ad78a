package dev.mnemo.migrate;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.MnemoException;
import dev.mnemo.api.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads {@code <name>_texts.pkl}: a Python pickle of a {@code list} of {@code str}.
 *
 * <p>A pickle is a program, and a hostile one can ask its reader to call any function. This reader
 * uses razorvine's {@link Unpickler} but lets only the opcodes that build a list of strings reach
 * it (protocol 0 to 5 forms: list, append, unicode strings, memo, mark, frame, proto, stop). A
 * global, a call ({@code REDUCE}), an object build or any other opcode stops the read with an
 * {@link UnsafePickleException} before the opcode takes effect. The result must then be a list
 * whose items are all strings.
 */
public final class LegacyTextsPickle {
    private LegacyTextsPickle() {
    }

    /**
     * The texts in file order.
     *
     * @throws UnsafePickleException if the pickle uses an opcode outside the list-of-str set
     * @throws CorruptFileException  if it is truncated, malformed, or not a list of str
     */
    public static List<String> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw StorageException.of("cannot read " + file, e);
        }
        Object result;
        ListOfStrUnpickler unpickler = new ListOfStrUnpickler(file);
        try {
            result = unpickler.load(new ByteArrayInputStream(bytes));
        } catch (MnemoException e) {
            throw e;
        } catch (IOException | PickleException e) {
            throw new CorruptFileException(file, "not a readable pickle: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // razorvine signals malformed input (empty stack, bad memo slot, wrong types) this way
            throw new CorruptFileException(file, "not a readable pickle: " + e, e);
        } finally {
            unpickler.close();
        }
        return checkListOfStrings(file, result);
    }

    private static List<String> checkListOfStrings(Path file, Object result) {
        if (!(result instanceof List<?> list)) {
            throw new CorruptFileException(file, "expected a pickled list of str, found "
                    + (result == null ? "None" : result.getClass().getSimpleName()));
        }
        List<String> texts = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof String text)) {
                throw new CorruptFileException(file, "item " + i + " is "
                        + (item == null ? "None" : item.getClass().getSimpleName()) + ", expected str");
            }
            texts.add(text);
        }
        return List.copyOf(texts);
    }

    /** razorvine's unpickler behind an opcode allow-list. One instance reads one file. */
    private static final class ListOfStrUnpickler extends Unpickler {
        private final Path file;

        ListOfStrUnpickler(Path file) {
            this.file = file;
        }

        @Override
        protected Object dispatch(short opcode) throws PickleException, IOException {
            switch (opcode) {
                case '\u0080': // PROTO
                case '\u0095': // FRAME (length is only a read-ahead hint)
                case ']':      // EMPTY_LIST
                case 'l':      // LIST (protocol 0)
                case '(':      // MARK
                case 'a':      // APPEND
                case 'e':      // APPENDS
                case '\u008c': // SHORT_BINUNICODE (1-byte length)
                case 'V':      // UNICODE (protocol 0)
                case '\u0094': // MEMOIZE
                case 'q':      // BINPUT
                case 'r':      // LONG_BINPUT
                case 'p':      // PUT
                case 'h':      // BINGET
                case 'j':      // LONG_BINGET
                case 'g':      // GET
                case '.':      // STOP
                    return super.dispatch(opcode);
                case 'X':      // BINUNICODE (4-byte length)
                    checkLength(4);
                    return super.dispatch(opcode);
                case '\u008d': // BINUNICODE8 (8-byte length)
                    checkLength(8);
                    return super.dispatch(opcode);
                default:
                    throw new UnsafePickleException(file, "refused pickle opcode " + describe(opcode)
                            + ": a texts file may only hold a list of str");
            }
        }

        /** A corrupt length must fail as "truncated", not as an attempt to allocate gigabytes. */
        private void checkLength(int width) throws IOException {
            input.mark(width);
            byte[] raw = input.readNBytes(width);
            input.reset();
            if (raw.length < width) {
                throw new CorruptFileException(file, "pickle truncated inside a string length");
            }
            long length = 0;
            for (int i = width - 1; i >= 0; i--) {
                length = (length << 8) | (raw[i] & 0xFF);
            }
            long remaining = input.available() - (long) width;
            if (length < 0 || length > remaining) {
                throw new CorruptFileException(file, "pickle string of " + Long.toUnsignedString(length)
                        + " bytes but only " + remaining + " bytes left: truncated or corrupt");
            }
        }

        private static String describe(short opcode) {
            String name = switch (opcode) {
                case 'c' -> "GLOBAL";
                case '\u0093' -> "STACK_GLOBAL";
                case 'R' -> "REDUCE";
                case 'b' -> "BUILD";
                case 'i' -> "INST";
                case 'o' -> "OBJ";
                case '\u0081' -> "NEWOBJ";
                case '\u0092' -> "NEWOBJ_EX";
                case 'P', 'Q' -> "PERSID";
                case '\u0082', '\u0083', '\u0084' -> "EXT";
                case 'N' -> "NONE";
                case '}', 'd' -> "DICT";
                case ')', 't', '\u0085', '\u0086', '\u0087' -> "TUPLE";
                case '\u008f', '\u0091' -> "SET";
                case 'I', 'J', 'K', 'M', 'L', '\u008a', '\u008b' -> "INT";
                case 'F', 'G' -> "FLOAT";
                case '\u0088', '\u0089' -> "BOOL";
                case 'S', 'T', 'U', 'B', 'C', '\u008e', '\u0096' -> "BYTES";
                default -> null;
            };
            String hex = String.format("0x%02x", opcode & 0xFF);
            return name == null ? hex : name + " (" + hex + ")";
        }
    }
}
