package io.learnchain.chain.genesis;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.crypto.KeyPair;
import java.nio.charset.StandardCharsets;

/**
 * The dev chain's public, well-known accounts. Seed of account i = SHA-256("learnchain devnet
 * account " + i). Anyone can spend them: never use them outside a dev chain.
 */
public final class DevAccounts {
    public static final int DEFAULT_COUNT = 10;

    private DevAccounts() {}

    public static byte[] seed(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("dev account index must not be negative, got " + index);
        }
        return Hash.sha256(("learnchain devnet account " + index).getBytes(StandardCharsets.US_ASCII))
                .toArray();
    }

    /** The key pair of dev account {@code index}; the first {@link #DEFAULT_COUNT} are derived once and kept. */
    public static KeyPair keys(int index) {
        return index >= 0 && index < DEFAULT_COUNT ? Derived.KEYS[index] : KeyPair.fromSeed(seed(index));
    }

    /** Key derivation costs milliseconds, so the default accounts are derived once, on first use. */
    private static final class Derived {
        static final KeyPair[] KEYS = new KeyPair[DEFAULT_COUNT];

        static {
            for (int i = 0; i < DEFAULT_COUNT; i++) {
                KEYS[i] = KeyPair.fromSeed(seed(i));
            }
        }
    }

    public static Address address(int index) {
        return Address.of(keys(index).publicKey());
    }
}
