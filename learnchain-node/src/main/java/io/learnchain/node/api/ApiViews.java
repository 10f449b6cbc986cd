package io.learnchain.node.api;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.chain.block.Block;
import io.learnchain.chain.block.BlockHeader;
import io.learnchain.chain.block.DqnProof;
import io.learnchain.chain.block.ForfeitProof;
import io.learnchain.chain.block.IdleProof;
import io.learnchain.chain.block.PoleProof;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.tx.CancelTask;
import io.learnchain.chain.tx.Challenge;
import io.learnchain.chain.tx.Coinbase;
import io.learnchain.chain.tx.DeployModel;
import io.learnchain.chain.tx.GrowModel;
import io.learnchain.chain.tx.PostTask;
import io.learnchain.chain.tx.ProposeUpdate;
import io.learnchain.chain.tx.RevealParts;
import io.learnchain.chain.tx.RevealShard;
import io.learnchain.chain.tx.SignedTransaction;
import io.learnchain.chain.tx.Transaction;
import io.learnchain.chain.tx.Transfer;
import io.learnchain.chain.tx.WorkFraud;
import io.learnchain.node.api.Dtos.AmountDto;
import io.learnchain.node.api.Dtos.BlockDto;
import io.learnchain.node.api.Dtos.ProofDto;
import io.learnchain.node.api.Dtos.TxDto;
import io.learnchain.node.storage.TxLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns chain values into API DTOs. Pure. */
final class ApiViews {
    private ApiViews() {}

    static AmountDto amount(Amount amount) {
        return new AmountDto(amount.toString(), Long.toString(amount.units()));
    }

    static BlockDto block(Block block, boolean canonical, boolean withTransactions) {
        BlockHeader h = block.header();
        ProofDto proof = switch (h.proof()) {
            case IdleProof p -> ProofDto.idle("idle", p.difficulty(), Long.toUnsignedString(p.nonce()), null);
            case ForfeitProof p ->
                ProofDto.idle("forfeit", p.difficulty(), Long.toUnsignedString(p.nonce()), p.taskId());
            case PoleProof p ->
                new ProofDto(
                        "pole",
                        null,
                        null,
                        p.taskId(),
                        p.modelHash().toHex(),
                        p.record().hash().toHex(),
                        p.shardIndex(),
                        p.shardHash().toHex(),
                        p.claimedScore(),
                        null);
            case DqnProof p ->
                new ProofDto(
                        "dqn",
                        null,
                        null,
                        null,
                        p.record().weightsAfter().toHex(),
                        p.record().hash().toHex(),
                        p.action(),
                        p.next().hash().toHex(),
                        p.forkScore(),
                        new Dtos.DqnStepDto(
                                p.action(), p.reward(), p.unshapedReward(), p.terminal(), p.done(), p.forkScore()));
        };
        List<TxDto> txs = null;
        if (withTransactions) {
            txs = new ArrayList<>();
            List<Transaction> body = block.transactions();
            for (int i = 0; i < body.size(); i++) {
                txs.add(transaction(body.get(i), new TxLocation(block.hash(), h.height(), i)));
            }
        }
        return new BlockDto(
                block.hash().toHex(),
                h.height().value(),
                h.previous().toHex(),
                h.timestamp(),
                h.minerAddress().toString(),
                h.miner().toHex(),
                h.txRoot().toHex(),
                h.stateRoot().toHex(),
                proof,
                h.signature().toHex(),
                canonical,
                false,
                block.transactions().size(),
                txs);
    }

    static BlockDto genesis(Genesis genesis) {
        return new BlockDto(
                genesis.chainId().toHex(),
                0,
                Hash.ZERO.toHex(),
                genesis.timestamp(),
                null,
                null,
                null,
                genesis.initialState().root().toHex(),
                null,
                null,
                true,
                true,
                0,
                List.of());
    }

    /** An included transaction ({@code location} present) or a pending one ({@code location} null). */
    static TxDto transaction(Transaction tx, TxLocation location) {
        String status = location == null ? "pending" : "included";
        String blockHash = location == null ? null : location.blockHash().toHex();
        Long height = location == null ? null : location.height().value();
        Integer index = location == null ? null : location.index();
        return switch (tx) {
            case Coinbase c ->
                new TxDto(
                        c.hash().toHex(),
                        "coinbase",
                        status,
                        null,
                        null,
                        c.recipient().toString(),
                        amount(c.amount()),
                        null,
                        null,
                        null,
                        blockHash,
                        height,
                        index,
                        null);
            case SignedTransaction s -> {
                var body = s.body();
                Address to = null;
                Amount moved = Amount.ZERO;
                String kind;
                Map<String, Object> task = new LinkedHashMap<>();
                switch (body.payload()) {
                    case Transfer t -> {
                        to = t.to();
                        moved = t.amount();
                        kind = "transfer";
                        task = null;
                    }
                    case PostTask t -> {
                        moved = t.escrow();
                        kind = "post_task";
                        task.put("modelSpec", t.modelSpec());
                        task.put("trainingSet", t.trainingSet().toHex());
                        task.put("minTrainingAccuracyBp", t.minTrainingAccuracyBp());
                        task.put("rounds", t.rounds());
                        task.put("rewardPerRound", amount(t.rewardPerRound()));
                        task.put(
                                "shards",
                                t.shardHashes().stream().map(Hash::toHex).toList());
                    }
                    case CancelTask t -> {
                        kind = "cancel_task";
                        task.put("taskId", t.taskId());
                    }
                    case RevealShard t -> {
                        kind = "reveal_shard";
                        task.put("taskId", t.taskId());
                        task.put("previous", t.previous().toHex());
                        task.put("shardIndex", t.shardIndex());
                        task.put("shardHash", t.shardHash().toHex());
                    }
                    case WorkFraud t -> {
                        kind = "work_fraud";
                        task.put("taskId", t.taskId());
                        task.put("height", t.height().value());
                        task.put("segment", t.segment());
                        task.put("opening", t.opening().toHex());
                    }
                    case DeployModel t -> {
                        kind = "deploy_model";
                        task.put("modelSpec", t.modelSpec());
                        task.put("initialWeights", t.initialWeights().toHex());
                        task.put("growthThreshold", t.growthThreshold());
                        task.put("selectCount", t.selectCount());
                        task.put("epochBlocks", t.epochBlocks());
                        task.put("revealWindow", t.revealWindow());
                        task.put(
                                "parts",
                                t.partHashes().stream().map(Hash::toHex).toList());
                    }
                    case RevealParts t -> {
                        kind = "reveal_parts";
                        task.put("modelId", t.modelId());
                    }
                    case ProposeUpdate t -> {
                        kind = "propose_update";
                        task.put("modelId", t.modelId());
                        task.put("parent", t.parent().toHex());
                        task.put("weights", t.weights().toHex());
                        task.put("claimedLoss", t.claimedLoss());
                    }
                    case Challenge t -> {
                        kind = "challenge";
                        task.put("modelId", t.modelId());
                        task.put("claim", t.claim().hash().toHex());
                        task.put("weights", t.proposal().weights().toHex());
                        task.put("claimedLoss", t.proposal().claimedLoss());
                    }
                    case GrowModel t -> {
                        kind = "grow_model";
                        task.put("modelId", t.modelId());
                        task.put("parent", t.parent().toHex());
                        task.put("grownSpec", t.grownSpec());
                        task.put("grownWeights", t.grownWeights().toHex());
                        task.put("growthThreshold", t.growthThreshold());
                        task.put("selectCount", t.selectCount());
                        task.put(
                                "parts",
                                t.partHashes().stream().map(Hash::toHex).toList());
                    }
                }
                yield new TxDto(
                        s.hash().toHex(),
                        kind,
                        status,
                        body.senderAddress().toString(),
                        body.sender().toHex(),
                        to == null ? null : to.toString(),
                        amount(moved),
                        amount(body.fee()),
                        body.nonce(),
                        s.signature().toHex(),
                        blockHash,
                        height,
                        index,
                        task);
            }
        };
    }
}
