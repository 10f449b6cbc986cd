package io.learnchain.chain.tx;

import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.base.crypto.Signature;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A user transaction: a body and the sender's Ed25519 signature over {@link #signingBytes(TxBody)}. */
public record SignedTransaction(TxBody body, Signature signature) implements Transaction {
    private static final byte[] DOMAIN = "learnchain/tx/v1".getBytes(StandardCharsets.US_ASCII);

    public SignedTransaction {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(signature, "signature");
    }

    /** Signs {@code body}; the key must be the body's sender. */
    public static SignedTransaction sign(TxBody body, KeyPair keys) {
        if (!keys.publicKey().equals(body.sender())) {
            throw new IllegalArgumentException(
                    "the signing key " + keys.publicKey().toHex() + " is not the transaction's sender "
                            + body.sender().toHex());
        }
        return new SignedTransaction(body, keys.sign(signingBytes(body)));
    }

    /** The signed message: a domain tag, then the canonical body (which starts with the chain id). */
    public static byte[] signingBytes(TxBody body) {
        CanonicalWriter out = new CanonicalWriter(160);
        out.raw(DOMAIN);
        TransactionCodec.writeBody(body, out);
        return out.toByteArray();
    }

    public boolean hasValidSignature() {
        return body.sender().verify(signingBytes(body), signature);
    }
}
