package io.learnchain.node.chain;

import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.Height;
import java.util.Objects;

/** A summary of the local chain for `learnchain chain info` and the status API. */
public record ChainInfo(
        Hash chainId,
        String chainName,
        String engine,
        Height height,
        Hash tipHash,
        long tipTimestamp,
        long nextDifficulty,
        int accounts,
        Amount totalSupply,
        String storeLocation) {
    public ChainInfo {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(chainName, "chainName");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(height, "height");
        Objects.requireNonNull(tipHash, "tipHash");
        Objects.requireNonNull(totalSupply, "totalSupply");
        Objects.requireNonNull(storeLocation, "storeLocation");
    }
}
