package io.learnchain.chain.genesis;

import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.Codec;
import io.learnchain.base.codec.CodecException;
import io.learnchain.chain.tx.TrainingRecordCodec;
import io.learnchain.learn.model.ModelSpec;
import io.learnchain.learn.rl.DqnHyperparameters;
import io.learnchain.learn.rl.EpsilonSchedule;
import io.learnchain.learn.train.Optimizer;

/**
 * Binary form of the dqn genesis section, written after the genesis's last field only when the
 * engine is {@code dqn} (so every other genesis, and its chain id, is unchanged):
 * <pre>
 *   string environment, u8 option (0 a, 1 b), i64 awardPerUnit,
 *   string network spec text, f32 epsilon start, f32 epsilon end, i64 epsilon decay steps, f32 gamma,
 *   optimizer (as in {@link TrainingRecordCodec}), u32 replay capacity, u32 batch, u32 target period,
 *   u32 gradient steps, u32 warm-up, u8 loss (0 huber, 1 mse)
 * </pre>
 */
public final class DqnParametersCodec implements Codec<DqnParameters> {
    public static final DqnParametersCodec INSTANCE = new DqnParametersCodec();

    private DqnParametersCodec() {}

    @Override
    public void write(DqnParameters p, CanonicalWriter out) {
        DqnHyperparameters hp = p.hyperparameters();
        out.string(p.environment())
                .u8(p.forkOption().ordinal())
                .amount(p.awardPerUnit())
                .string(hp.network().text())
                .i32(TrainingRecordCodec.bits(hp.epsilon().start()))
                .i32(TrainingRecordCodec.bits(hp.epsilon().end()))
                .i64(hp.epsilon().decaySteps())
                .i32(TrainingRecordCodec.bits(hp.gamma()));
        TrainingRecordCodec.writeOptimizer(hp.optimizer(), out);
        out.i32(hp.replayCapacity())
                .i32(hp.batchSize())
                .i32(hp.targetPeriod())
                .i32(hp.gradientSteps())
                .i32(hp.warmup())
                .u8(hp.loss().ordinal());
    }

    @Override
    public DqnParameters read(CanonicalReader in) {
        String environment = in.string(32);
        int option = in.u8();
        if (option >= ForkOption.values().length) {
            throw new CodecException("unknown dqn fork-choice option " + option);
        }
        var awardPerUnit = in.amount();
        String spec = in.string(4096);
        ModelSpec network = in.guard(() -> ModelSpec.parse(spec));
        float epsStart = TrainingRecordCodec.f32(in);
        float epsEnd = TrainingRecordCodec.f32(in);
        long decay = in.i64();
        EpsilonSchedule eps = in.guard(() -> new EpsilonSchedule(epsStart, epsEnd, decay));
        float gamma = TrainingRecordCodec.f32(in);
        Optimizer optimizer = TrainingRecordCodec.readOptimizer(in);
        int replay = in.i32();
        int batch = in.i32();
        int targetPeriod = in.i32();
        int gradientSteps = in.i32();
        int warmup = in.i32();
        int loss = in.u8();
        if (loss >= DqnHyperparameters.TdLoss.values().length) {
            throw new CodecException("unknown TD loss " + loss);
        }
        return in.guard(() -> new DqnParameters(
                environment,
                ForkOption.values()[option],
                awardPerUnit,
                new DqnHyperparameters(
                        network,
                        eps,
                        gamma,
                        optimizer,
                        replay,
                        batch,
                        targetPeriod,
                        gradientSteps,
                        warmup,
                        DqnHyperparameters.TdLoss.values()[loss])));
    }
}
