package io.learnchain.node.wallet;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** Encrypts and decrypts a 32-byte private seed with a password (PBKDF2 + AES-GCM, JDK only). */
public final class KeyFileCrypto {
    /** OWASP 2023 guidance for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final HexFormat HEX = HexFormat.of();

    private KeyFileCrypto() {}

    public static KeyFile encrypt(
            byte[] seed, String address, String publicKeyHex, char[] password, int iterations, SecureRandom random) {
        byte[] salt = new byte[16];
        byte[] iv = new byte[12];
        random.nextBytes(salt);
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, deriveKey(password, salt, iterations), new GCMParameterSpec(128, iv));
            cipher.updateAAD(address.getBytes(StandardCharsets.UTF_8));
            byte[] ct = cipher.doFinal(seed);
            return new KeyFile(
                    KeyFile.VERSION,
                    address,
                    publicKeyHex,
                    KeyFile.KDF,
                    iterations,
                    HEX.formatHex(salt),
                    KeyFile.CIPHER,
                    HEX.formatHex(iv),
                    HEX.formatHex(ct));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's AES-GCM or PBKDF2 is unavailable", e);
        }
    }

    /**
     * Returns the 32-byte seed.
     *
     * @throws WrongPasswordException when the password does not open the file
     */
    public static byte[] decrypt(KeyFile file, char[] password) throws WrongPasswordException {
        if (file.version() != KeyFile.VERSION
                || !KeyFile.KDF.equals(file.kdf())
                || !KeyFile.CIPHER.equals(file.cipher())) {
            throw new IllegalArgumentException("unsupported key file (version " + file.version() + ", kdf "
                    + file.kdf() + ", cipher " + file.cipher() + "): this learnchain reads version "
                    + KeyFile.VERSION + " with " + KeyFile.KDF + " and " + KeyFile.CIPHER);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    deriveKey(password, HEX.parseHex(file.salt()), file.iterations()),
                    new GCMParameterSpec(128, HEX.parseHex(file.iv())));
            cipher.updateAAD(file.address().getBytes(StandardCharsets.UTF_8));
            byte[] seed = cipher.doFinal(HEX.parseHex(file.ciphertext()));
            if (seed.length != 32) {
                throw new IllegalArgumentException("the key file holds a " + seed.length + "-byte key, expected 32");
            }
            return seed;
        } catch (AEADBadTagException e) {
            throw new WrongPasswordException();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key file is damaged: " + e.getMessage(), e);
        }
    }

    private static SecretKeySpec deriveKey(char[] password, byte[] salt, int iterations)
            throws GeneralSecurityException {
        if (iterations < 1_000) {
            throw new IllegalArgumentException("key file iteration count " + iterations + " is too low (minimum 1000)");
        }
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
            SecretKeySpec result = new SecretKeySpec(key, "AES");
            Arrays.fill(key, (byte) 0);
            return result;
        } finally {
            spec.clearPassword();
        }
    }

    /** The password does not open the key file. */
    public static final class WrongPasswordException extends Exception {
        public WrongPasswordException() {
            super("wrong password for this key file");
        }
    }
}
