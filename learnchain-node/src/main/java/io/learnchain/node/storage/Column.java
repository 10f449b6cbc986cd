package io.learnchain.node.storage;

/** The key spaces of the node's database; each is a RocksDB column family. */
public enum Column {
    /** Schema version, chain id, tip pointer. */
    META("meta"),
    /** Block hash -> canonical block bytes. */
    BLOCKS("blocks"),
    /** Block hash -> the node's facts about the block (height, parent, work, status). */
    BLOCK_INFO("block_info"),
    /** Height (8 bytes big-endian) -> hash of the canonical block at that height. */
    CANONICAL("canonical"),
    /** Transaction hash -> location of the transaction in a canonical block. */
    TX_INDEX("tx_index"),
    /** Account key -> account record of the state at the canonical tip. */
    ACCOUNTS("accounts"),
    /** Block hash -> what the block changed in the state, to undo it on a reorganisation. */
    UNDO("undo"),
    /** Task id (8 bytes big-endian) -> task state of the state at the canonical tip (pole engine). */
    TASKS("tasks");

    private final String familyName;

    Column(String familyName) {
        this.familyName = familyName;
    }

    public String familyName() {
        return familyName;
    }
}
