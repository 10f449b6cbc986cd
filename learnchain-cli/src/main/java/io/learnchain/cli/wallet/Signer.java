package io.learnchain.cli.wallet;

import io.learnchain.base.Address;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.cli.common.UserException;
import io.learnchain.node.wallet.KeyFile;
import io.learnchain.node.wallet.KeyFileCrypto;
import java.util.Arrays;

/** Resolves {@code --from}: a wallet name, a key file path, or {@code dev:N} (a public dev account). */
public final class Signer {
    private Signer() {}

    public static boolean isDev(String from) {
        return from.startsWith("dev:");
    }

    static int devIndex(String from) {
        try {
            int index = Integer.parseInt(from.substring(4));
            if (index < 0) {
                throw new NumberFormatException();
            }
            return index;
        } catch (NumberFormatException e) {
            throw new UserException(
                    "'" + from + "' is not a dev account: write dev:0, dev:1, ... (the accounts `node --dev` prints)");
        }
    }

    public static Address address(String from, WalletDirectory dir) {
        if (isDev(from)) {
            return DevAccounts.address(devIndex(from));
        }
        return Address.parse(dir.load(from).address());
    }

    public static KeyPair keys(String from, WalletDirectory dir, PasswordOptions password) {
        if (isDev(from)) {
            return DevAccounts.keys(devIndex(from));
        }
        KeyFile file = dir.load(from);
        char[] pw = password.read("Password of wallet '" + from + "'", false);
        try {
            byte[] seed = KeyFileCrypto.decrypt(file, pw);
            KeyPair keys = KeyPair.fromSeed(seed);
            Arrays.fill(seed, (byte) 0);
            if (!Address.of(keys.publicKey()).toString().equals(file.address())) {
                throw new UserException(
                        "the key file of '" + from + "' is inconsistent: its key does not belong to " + file.address());
            }
            return keys;
        } catch (KeyFileCrypto.WrongPasswordException e) {
            throw new UserException("wrong password for wallet '" + from + "'");
        } finally {
            Arrays.fill(pw, '\0');
        }
    }
}
