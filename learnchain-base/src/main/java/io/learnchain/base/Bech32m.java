package io.learnchain.base;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32m (BIP 350) text encoding: human-readable part, separator '1', 5-bit data characters and
 * a 6-character checksum that detects any error in up to 4 characters. Failures are
 * {@link IllegalArgumentException}s whose message says which rule broke.
 */
final class Bech32m {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int CONST = 0x2bc830a3;
    private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    static final int MAX_LENGTH = 90;

    private Bech32m() {}

    record Decoded(String hrp, byte[] data) {}

    static String encode(String hrp, byte[] data) {
        byte[] values = toFiveBit(data);
        byte[] checksum = checksum(hrp, values);
        StringBuilder sb = new StringBuilder(hrp.length() + 1 + values.length + 6)
                .append(hrp)
                .append('1');
        for (byte v : values) {
            sb.append(CHARSET.charAt(v));
        }
        for (byte v : checksum) {
            sb.append(CHARSET.charAt(v));
        }
        return sb.toString();
    }

    static Decoded decode(String text) {
        Decoded values = verifyChecksum(text);
        return new Decoded(values.hrp(), fromFiveBit(values.data()));
    }

    /** Checks case, separator, characters and checksum; returns the prefix and the 5-bit data values. */
    static Decoded verifyChecksum(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("too long: " + text.length() + " characters, at most " + MAX_LENGTH);
        }
        boolean lower = !text.equals(text.toUpperCase(Locale.ROOT));
        boolean upper = !text.equals(text.toLowerCase(Locale.ROOT));
        if (lower && upper) {
            throw new IllegalArgumentException("mixed upper and lower case: write it all lower case");
        }
        String s = text.toLowerCase(Locale.ROOT);
        int sep = s.lastIndexOf('1');
        if (sep < 1) {
            throw new IllegalArgumentException("missing the '1' separator after the prefix");
        }
        if (s.length() - sep - 1 < 6) {
            throw new IllegalArgumentException("too short to hold a checksum");
        }
        String hrp = s.substring(0, sep);
        for (int i = 0; i < hrp.length(); i++) {
            char c = hrp.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("invalid character in the prefix at position " + i);
            }
        }
        byte[] values = new byte[s.length() - sep - 1];
        for (int i = 0; i < values.length; i++) {
            int v = CHARSET.indexOf(s.charAt(sep + 1 + i));
            if (v < 0) {
                throw new IllegalArgumentException("invalid character '" + s.charAt(sep + 1 + i) + "' at position "
                        + (sep + 1 + i) + " (bech32 has no 1, b, i or o after the separator)");
            }
            values[i] = (byte) v;
        }
        if (polymod(expand(hrp, values)) != CONST) {
            throw new IllegalArgumentException("bad checksum: check the address for a typo");
        }
        byte[] data = new byte[values.length - 6];
        System.arraycopy(values, 0, data, 0, data.length);
        return new Decoded(hrp, data);
    }

    private static byte[] checksum(String hrp, byte[] values) {
        byte[] ext = expand(hrp, values);
        byte[] padded = new byte[ext.length + 6];
        System.arraycopy(ext, 0, padded, 0, ext.length);
        int mod = polymod(padded) ^ CONST;
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
        }
        return out;
    }

    private static byte[] expand(String hrp, byte[] values) {
        int n = hrp.length();
        byte[] out = new byte[2 * n + 1 + values.length];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (hrp.charAt(i) >> 5);
            out[n + 1 + i] = (byte) (hrp.charAt(i) & 31);
        }
        System.arraycopy(values, 0, out, 2 * n + 1, values.length);
        return out;
    }

    private static int polymod(byte[] values) {
        int chk = 1;
        for (byte v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= GEN[i];
                }
            }
        }
        return chk;
    }

    private static byte[] toFiveBit(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int acc = 0;
        int bits = 0;
        for (byte b : data) {
            acc = (acc << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.write((acc >>> bits) & 31);
            }
        }
        if (bits > 0) {
            out.write((acc << (5 - bits)) & 31);
        }
        return out.toByteArray();
    }

    private static byte[] fromFiveBit(byte[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int acc = 0;
        int bits = 0;
        for (byte v : values) {
            acc = (acc << 5) | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((acc >>> bits) & 0xFF);
            }
        }
        if (bits >= 5 || ((acc << (8 - bits)) & 0xFF) != 0) {
            throw new IllegalArgumentException("invalid padding in the data part");
        }
        return out.toByteArray();
    }
}
