package io.learnchain.node.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret a request must carry to change the node ({@code Authorization: Bearer TOKEN}): 32
 * random bytes in hex, new at every start, written where the operator's own programs can read it
 * ({@link ApiCookies}), as bitcoind's cookie authentication does.
 */
public final class ApiToken {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    public static ApiToken random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ApiToken(HexFormat.of().formatHex(bytes));
    }

    public String value() {
        return value;
    }

    /** Whether an {@code Authorization} header value carries this token, compared in constant time. */
    boolean authorizes(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ApiToken[hidden]";
    }
}
