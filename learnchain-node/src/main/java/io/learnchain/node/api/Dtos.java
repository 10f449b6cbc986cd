package io.learnchain.node.api;

import java.util.List;

/**
 * The JSON shapes of the API (docs/api.md). Hashes and keys are lower-case hex, addresses lc1
 * text, amounts {@link AmountDto} (decimal coin strings and integer unit strings, so no client
 * loses precision), heights and nonces JSON numbers.
 */
public final class Dtos {
    private Dtos() {
    }

    public record AmountDto(String coins, String units) {
    }

    public record StatusDto(String chainId, String chainName, String engine, long height, String tipHash,
            long tipTimestamp, long nextDifficulty, long targetBlockSeconds, int mempoolSize, boolean mining,
            boolean devMode, String nodeVersion) {
    }

    public record ProofDto(String type, long difficulty, String nonce) {
    }

    /** A block; {@code transactions} is null in page listings. {@code genesis} marks height 0 (no header). */
    public record BlockDto(String hash, long height, String previous, long timestamp, String miner, String minerKey,
            String txRoot, String stateRoot, ProofDto proof, String signature, boolean canonical, boolean genesis,
            int transactionCount, List<TxDto> transactions) {
    }

    public record BlockPageDto(long tipHeight, List<BlockDto> blocks, Long nextBefore) {
    }

    /**
     * A transaction; {@code status} is "included" (with block, height, index) or "pending".
     * {@code kind} is "transfer" or "coinbase"; coinbase has no sender, nonce, fee or signature.
     */
    public record TxDto(String hash, String kind, String status, String from, String senderKey, String to,
            AmountDto amount, AmountDto fee, Long nonce, String signature, String blockHash, Long height,
            Integer index) {
    }

    public record AccountDto(String address, AmountDto balance, long nonce, long reputation, int pendingTransactions) {
    }

    /** Submit body: {@code hex} (canonical signed transaction) or {@code transaction} (the JSON form). */
    public record SubmitRequest(String hex, TransferRequest transaction) {
    }

    /** The JSON form of a signed transfer; {@code amount} and {@code fee} are decimal coin strings. */
    public record TransferRequest(String chainId, String senderKey, long nonce, String fee, String to, String amount,
            String signature) {
    }

    public record SubmitResponse(String hash, String status) {
    }
}
