package io.learnchain.base.merkle;

import io.learnchain.base.Hash;
import java.security.MessageDigest;
import java.util.List;

/**
 * Merkle tree hash of RFC 6962 (Certificate Transparency) over a list of hashes:
 * <pre>
 *   MTH([])      = SHA-256()                              (the empty string)
 *   MTH([d])     = SHA-256(0x00 || d)                     (leaf)
 *   MTH(d[0..n]) = SHA-256(0x01 || MTH(d[0..k]) || MTH(d[k..n]))   k = largest power of 2 below n
 * </pre>
 * Leaves and inner nodes are domain-separated and nothing is ever duplicated, so the
 * CVE-2012-2459 trick (a list and the list with its last element repeated share a root) and
 * leaf/node confusion are impossible.
 */
public final class MerkleRoot {
    /** The root of the empty list: SHA-256 of zero bytes. */
    public static final Hash EMPTY = Hash.sha256(new byte[0]);

    private static final byte[] LEAF = {0x00};
    private static final byte[] NODE = {0x01};

    private MerkleRoot() {}

    public static Hash of(List<Hash> leaves) {
        if (leaves.isEmpty()) {
            return EMPTY;
        }
        MessageDigest md = Hash.newDigest();
        return Hash.of(root(leaves, 0, leaves.size(), md));
    }

    private static byte[] root(List<Hash> leaves, int from, int to, MessageDigest md) {
        int n = to - from;
        if (n == 1) {
            md.update(LEAF);
            md.update(leaves.get(from).unsafeArray());
            return md.digest();
        }
        int k = Integer.highestOneBit(n - 1);
        byte[] left = root(leaves, from, from + k, md);
        byte[] right = root(leaves, from + k, to, md);
        md.update(NODE);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** The leaf hash of one element: SHA-256(0x00 || leaf). */
    public static Hash leafHash(Hash leaf) {
        return Hash.sha256(LEAF, leaf.unsafeArray());
    }

    /** An inner node: SHA-256(0x01 || left || right). */
    public static Hash nodeHash(Hash left, Hash right) {
        return Hash.sha256(NODE, left.unsafeArray(), right.unsafeArray());
    }
}
