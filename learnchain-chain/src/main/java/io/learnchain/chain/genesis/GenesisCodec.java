package io.learnchain.chain.genesis;

import io.learnchain.base.Address;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.Codec;
import io.learnchain.base.codec.CodecException;
import java.util.Optional;

/**
 * Canonical genesis encoding, version 1: u8 version, string chainName, string engine, i64
 * targetBlockSeconds, i64 initialDifficulty, u32 count + (address, i64 amount) premine sorted by
 * address, i32 maxBlockBytes, i32 maxTransactions, i64 maxModelBytes, i64 maxBlobBytes, i32
 * maxReorgDepth, i64 blockSubsidy, i64 timestamp, then only when the engine is "dqn" its section
 * ({@link DqnParametersCodec}). Unsorted premine is rejected on decode.
 */
public final class GenesisCodec implements Codec<Genesis> {
    public static final GenesisCodec INSTANCE = new GenesisCodec();
    public static final int MAX_PREMINE = 1_000_000;

    private GenesisCodec() {}

    @Override
    public void write(Genesis g, CanonicalWriter out) {
        out.u8(Genesis.VERSION)
                .string(g.chainName())
                .string(g.engine().name())
                .i64(g.targetBlockSeconds())
                .i64(g.initialDifficulty());
        out.list(g.premine(), (p, w) -> w.address(p.address()).amount(p.amount()));
        ProtocolLimits l = g.limits();
        out.i32(l.maxBlockBytes())
                .i32(l.maxTransactions())
                .i64(l.maxModelBytes())
                .i64(l.maxBlobBytes())
                .i32(l.maxReorgDepth());
        out.amount(g.blockSubsidy()).i64(g.timestamp());
        g.dqn().ifPresent(d -> DqnParametersCodec.INSTANCE.write(d, out));
    }

    @Override
    public Genesis read(CanonicalReader in) {
        in.version(Genesis.VERSION, "genesis");
        String name = in.string(64 * 4);
        String engine = in.string(16);
        long target = in.i64();
        long difficulty = in.i64();
        var premine = in.list(MAX_PREMINE, Address.LENGTH + 8, r -> new Premine(r.address(), r.amount()));
        for (int i = 1; i < premine.size(); i++) {
            if (premine.get(i - 1).address().compareTo(premine.get(i).address()) >= 0) {
                throw new CodecException("genesis premine must be in strictly increasing address order");
            }
        }
        int maxBlock = in.i32();
        int maxTxs = in.i32();
        long maxModel = in.i64();
        long maxBlob = in.i64();
        int maxReorg = in.i32();
        var subsidy = in.amount();
        long timestamp = in.i64();
        Optional<DqnParameters> dqn =
                engine.equals("dqn") ? Optional.of(DqnParametersCodec.INSTANCE.read(in)) : Optional.empty();
        return in.guard(() -> new Genesis(
                name,
                Engine.of(engine, dqn),
                target,
                difficulty,
                premine,
                new ProtocolLimits(maxBlock, maxTxs, maxModel, maxBlob, maxReorg),
                subsidy,
                timestamp));
    }
}
