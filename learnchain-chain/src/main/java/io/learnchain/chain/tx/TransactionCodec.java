package io.learnchain.chain.tx;

import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.Codec;
import io.learnchain.base.codec.CodecException;

/**
 * Canonical transaction encoding, version 1:
 * <pre>
 *   u8 version=1, u8 kind (0 coinbase, 1 signed)
 *   coinbase: i64 height, address(20) recipient, i64 amount
 *   signed:   hash(32) chainId, key(32) sender, i64 nonce, i64 fee, u8 payload tag, payload, signature(64)
 *   transfer (tag 1): address(20) to, i64 amount
 * </pre>
 */
public final class TransactionCodec implements Codec<Transaction> {
    public static final TransactionCodec INSTANCE = new TransactionCodec();
    public static final int VERSION = 1;
    /** No version-1 transaction is larger than this; decoders of lists use it to bound counts. */
    public static final int MAX_BYTES = 4096;
    /** The smallest encoding of any transaction (a coinbase), for list count checks. */
    public static final int MIN_BYTES = 2 + 8 + 20 + 8;
    private static final int KIND_COINBASE = 0;
    private static final int KIND_SIGNED = 1;

    private TransactionCodec() {
    }

    @Override
    public void write(Transaction tx, CanonicalWriter out) {
        out.u8(VERSION);
        switch (tx) {
            case Coinbase c -> out.u8(KIND_COINBASE).height(c.height()).address(c.recipient()).amount(c.amount());
            case SignedTransaction s -> {
                out.u8(KIND_SIGNED);
                writeBody(s.body(), out);
                out.signature(s.signature());
            }
        }
    }

    static void writeBody(TxBody body, CanonicalWriter out) {
        out.hash(body.chainId()).publicKey(body.sender()).i64(body.nonce()).amount(body.fee());
        out.u8(body.payload().tag());
        switch (body.payload()) {
            case Transfer t -> out.address(t.to()).amount(t.amount());
        }
    }

    @Override
    public Transaction read(CanonicalReader in) {
        int start = in.position();
        in.version(VERSION, "transaction");
        int kind = in.u8();
        Transaction tx = switch (kind) {
            case KIND_COINBASE -> in.guard(() -> new Coinbase(in.height(), in.address(), in.amount()));
            case KIND_SIGNED -> in.guard(() -> new SignedTransaction(readBody(in), in.signature()));
            default -> throw new CodecException("unknown transaction kind " + kind);
        };
        if (in.position() - start > MAX_BYTES) {
            throw new CodecException("transaction of " + (in.position() - start) + " bytes exceeds " + MAX_BYTES);
        }
        return tx;
    }

    private static TxBody readBody(CanonicalReader in) {
        var chainId = in.hash();
        var sender = in.publicKey();
        long nonce = in.nonNegativeLong("nonce");
        var fee = in.amount();
        int tag = in.u8();
        Payload payload = switch (tag) {
            case Transfer.TAG -> new Transfer(in.address(), in.amount());
            default -> throw new CodecException("unknown transaction payload tag " + tag);
        };
        return new TxBody(chainId, sender, nonce, fee, payload);
    }
}
