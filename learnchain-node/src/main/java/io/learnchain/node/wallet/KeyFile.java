package io.learnchain.node.wallet;

import java.util.Objects;

/**
 * A key file as stored on disk (JSON): the address and public key in clear, the 32-byte private seed
 * encrypted with AES-256-GCM under a key derived from the password by PBKDF2-HMAC-SHA256. Fields are
 * hex strings so the file is readable and diffable.
 */
public record KeyFile(
        int version,
        String address,
        String publicKey,
        String kdf,
        int iterations,
        String salt,
        String cipher,
        String iv,
        String ciphertext) {

    public static final int VERSION = 1;
    public static final String KDF = "pbkdf2-hmac-sha256";
    public static final String CIPHER = "aes-256-gcm";

    public KeyFile {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(kdf, "kdf");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(iv, "iv");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }
}
