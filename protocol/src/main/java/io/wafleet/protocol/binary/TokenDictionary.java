package io.wafleet.protocol.binary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The token dictionary (version 3) that both ends of a WhatsApp connection share: frequent strings travel as
 * one byte (single-byte table, indices 1..235) or as a dictionary byte 0xEC..0xEF plus an index (four
 * double-byte tables of 256). The lists are protocol data, loaded from {@code token-dictionary-v3.txt}.
 */
public final class TokenDictionary {
    public static final int SINGLE_BYTE_COUNT = 235;
    public static final int DOUBLE_BYTE_DICTIONARIES = 4;
    public static final int DOUBLE_BYTE_SIZE = 256;

    private static final String RESOURCE = "token-dictionary-v3.txt";
    /** Index 0 of the single-byte table is the LIST_EMPTY tag, not a token. */
    private static final String[] SINGLE_BYTE;
    private static final String[][] DOUBLE_BYTE;
    /** A token's code: below 256 the single-byte index, otherwise {@code (dictionary + 1) << 8 | index}. */
    private static final Map<String, Integer> CODES;

    static {
        List<List<String>> tables = readTables();
        if (tables.size() != 1 + DOUBLE_BYTE_DICTIONARIES || tables.get(0).size() != SINGLE_BYTE_COUNT
                || tables.stream().skip(1).anyMatch(t -> t.size() != DOUBLE_BYTE_SIZE)) {
            throw new IllegalStateException(RESOURCE + " does not have 235 single-byte and 4 x 256 double-byte tokens");
        }
        SINGLE_BYTE = new String[SINGLE_BYTE_COUNT + 1];
        SINGLE_BYTE[0] = "";
        Map<String, Integer> codes = new HashMap<>(2 * (SINGLE_BYTE_COUNT + DOUBLE_BYTE_DICTIONARIES * DOUBLE_BYTE_SIZE));
        for (int i = 1; i <= SINGLE_BYTE_COUNT; i++) {
            SINGLE_BYTE[i] = tables.get(0).get(i - 1);
            codes.put(SINGLE_BYTE[i], i);
        }
        DOUBLE_BYTE = new String[DOUBLE_BYTE_DICTIONARIES][];
        for (int d = 0; d < DOUBLE_BYTE_DICTIONARIES; d++) {
            DOUBLE_BYTE[d] = tables.get(d + 1).toArray(String[]::new);
            for (int i = 0; i < DOUBLE_BYTE_SIZE; i++) {
                codes.put(DOUBLE_BYTE[d][i], (d + 1) << 8 | i);
            }
        }
        CODES = Map.copyOf(codes);
    }

    private TokenDictionary() {}

    /** The token at {@code index} (1..235) of the single-byte table. */
    public static String singleByte(int index) {
        if (index < 1 || index > SINGLE_BYTE_COUNT) {
            throw new IndexOutOfBoundsException("single-byte token index " + index);
        }
        return SINGLE_BYTE[index];
    }

    /** The token at {@code index} (0..255) of double-byte dictionary {@code dictionary} (0..3). */
    public static String doubleByte(int dictionary, int index) {
        return DOUBLE_BYTE[dictionary][index];
    }

    /** The token's code (as in {@code CODES}), or -1 for a string that is not a token. */
    static int code(String text) {
        Integer code = CODES.get(text);
        return code == null ? -1 : code;
    }

    static boolean isDoubleByte(int code) {
        return code > 0xFF;
    }

    static int dictionaryOf(int code) {
        return (code >> 8) - 1;
    }

    static int indexOf(int code) {
        return code & 0xFF;
    }

    private static List<List<String>> readTables() {
        try (InputStream in = TokenDictionary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<List<String>> tables = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("[")) {
                    tables.add(new ArrayList<>());
                } else if (tables.isEmpty()) {
                    throw new IllegalStateException(RESOURCE + ": token before the first [section]");
                } else {
                    tables.getLast().add(line);
                }
            }
            return tables;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
