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

    private DevAccounts() {
    }

    public static byte[] seed(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("dev account index must not be negative, got " + index);
        }
        return Hash.sha256(("learnchain devnet account " + index).getBytes(StandardCharsets.US_ASCII)).toArray();
    }

    public static KeyPair keys(int index) {
        return KeyPair.fromSeed(seed(index));
    }

    public static Address address(int index) {
        return Address.of(keys(index).publicKey());
    }
}
