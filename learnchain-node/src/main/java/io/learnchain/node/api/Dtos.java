package io.learnchain.node.api;

import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the API (docs/api.md). Hashes and keys are lower-case hex, addresses lc1
 * text, amounts {@link AmountDto} (decimal coin strings and integer unit strings, so no client
 * loses precision), heights and nonces JSON numbers.
 */
public final class Dtos {
    private Dtos() {}

    public record AmountDto(String coins, String units) {}

    public record StatusDto(
            String chainId,
            String chainName,
            String engine,
            long height,
            String tipHash,
            long tipTimestamp,
            long nextDifficulty,
            long targetBlockSeconds,
            int mempoolSize,
            boolean mining,
            boolean devMode,
            String nodeVersion) {}

    /**
     * A block's engine proof. {@code type} is "idle", "forfeit" (an idle block that closes a round
     * whose requester did not reveal) or "pole"; the pole fields are null for the others.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ProofDto(
            String type,
            Long difficulty,
            String nonce,
            Long taskId,
            String modelHash,
            String trainingRecordHash,
            Integer shardIndex,
            String shardHash,
            Long claimedScore,
            DqnStepDto step) {
        static ProofDto idle(String type, long difficulty, String nonce, Long taskId) {
            return new ProofDto(type, difficulty, nonce, taskId, null, null, null, null, null, null);
        }
    }

    /**
     * A dqn block's step: the action, the shaped reward fork choice ranks (milli-units), the task's
     * own reward returns are counted in, whether the episode ended, and the block's fork score.
     */
    public record DqnStepDto(
            int action, long reward, long unshapedReward, boolean terminal, boolean done, long forkScore) {}

    /** A block; {@code transactions} is null in page listings. {@code genesis} marks height 0 (no header). */
    public record BlockDto(
            String hash,
            long height,
            String previous,
            long timestamp,
            String miner,
            String minerKey,
            String txRoot,
            String stateRoot,
            ProofDto proof,
            String signature,
            boolean canonical,
            boolean genesis,
            int transactionCount,
            List<TxDto> transactions) {}

    public record BlockPageDto(long tipHeight, List<BlockDto> blocks, Long nextBefore) {}

    /**
     * A transaction; {@code status} is "included" (with block, height, index) or "pending".
     * {@code kind} is "transfer", "coinbase", "post_task", "cancel_task" or "reveal_shard"; coinbase has
     * no sender, nonce, fee or signature; the task kinds carry their fields in {@code task}.
     */
    public record TxDto(
            String hash,
            String kind,
            String status,
            String from,
            String senderKey,
            String to,
            AmountDto amount,
            AmountDto fee,
            Long nonce,
            String signature,
            String blockHash,
            Long height,
            Integer index,

            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            Map<String, Object> task) {}

    public record AccountDto(String address, AmountDto balance, long nonce, long reputation, int pendingTransactions) {}

    /** Submit body: {@code hex} (canonical signed transaction) or {@code transaction} (the JSON form). */
    public record SubmitRequest(String hex, TransferRequest transaction) {}

    /** The JSON form of a signed transfer; {@code amount} and {@code fee} are decimal coin strings. */
    public record TransferRequest(
            String chainId, String senderKey, long nonce, String fee, String to, String amount, String signature) {}

    public record SubmitResponse(String hash, String status) {}
}
