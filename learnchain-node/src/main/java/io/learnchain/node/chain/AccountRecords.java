package io.learnchain.node.chain;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.bytes.Bytes;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.chain.state.Account;

/** How the chain store keeps one account: key = the 20 address bytes, value = a versioned record. */
final class AccountRecords {
    private static final int VERSION = 1;

    private AccountRecords() {}

    static Bytes key(Address address) {
        return address.bytes();
    }

    static Address address(Bytes key) {
        return Address.ofBytes(key);
    }

    static Bytes encode(Account account) {
        return Bytes.wrap(new CanonicalWriter(25)
                .u8(VERSION)
                .i64(account.balance().units())
                .i64(account.nonce())
                .i64(account.reputation())
                .toByteArray());
    }

    /** Decodes a stored account; throws {@link io.learnchain.base.codec.CodecException} on damaged bytes. */
    static Account decode(Bytes value) {
        CanonicalReader in = new CanonicalReader(value.unsafeArray());
        Account account = in.guard(() -> {
            in.version(VERSION, "stored account");
            return new Account(Amount.ofUnits(in.i64()), in.i64(), in.i64());
        });
        in.expectEnd();
        return account;
    }
}
