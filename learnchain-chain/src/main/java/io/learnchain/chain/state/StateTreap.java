package io.learnchain.chain.state;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import java.security.MessageDigest;
import java.util.function.BiConsumer;

/**
 * A persistent Merkle treap: a binary search tree on addresses that is also a max-heap on a
 * priority drawn from the address. Its shape depends only on the set of keys (not on insertion
 * order), so the root hash is a function of the accounts alone. Updates copy one path
 * (O(log n) expected) and share the rest; subtree hashes are memoised in the immutable nodes.
 */
final class StateTreap {
    private static final byte NODE_TAG = 0x02;

    final Address key;
    final Account value;
    final long priority;
    final StateTreap left;
    final StateTreap right;
    final int size;
    /** Memoised subtree hash; written once with a deterministic value, so a racy read is harmless. */
    private Hash hash;

    private StateTreap(Address key, Account value, long priority, StateTreap left, StateTreap right) {
        this.key = key;
        this.value = value;
        this.priority = priority;
        this.left = left;
        this.right = right;
        this.size = 1 + size(left) + size(right);
    }

    static int size(StateTreap node) {
        return node == null ? 0 : node.size;
    }

    /**
     * The heap priority of an address: SplitMix64's finaliser over its last 8 bytes. Independent of
     * key order for hash-derived addresses (the key order is set by the first bytes).
     */
    static long priority(Address address) {
        byte[] b = address.bytes().unsafeArray();
        long v = 0;
        for (int i = Address.LENGTH - 8; i < Address.LENGTH; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return SplitMix64.mix64(v);
    }

    /** True if {@code a} belongs above {@code b}: higher priority, ties to the smaller key (a total order). */
    private static boolean above(StateTreap a, StateTreap b) {
        int c = Long.compareUnsigned(a.priority, b.priority);
        return c > 0 || (c == 0 && a.key.compareTo(b.key) < 0);
    }

    static Account get(StateTreap node, Address key) {
        StateTreap n = node;
        while (n != null) {
            int c = key.compareTo(n.key);
            if (c == 0) {
                return n.value;
            }
            n = c < 0 ? n.left : n.right;
        }
        return null;
    }

    static StateTreap put(StateTreap node, Address key, Account value) {
        return put(node, key, value, priority(key));
    }

    private static StateTreap put(StateTreap n, Address key, Account value, long priority) {
        if (n == null) {
            return new StateTreap(key, value, priority, null, null);
        }
        int c = key.compareTo(n.key);
        if (c == 0) {
            return value.equals(n.value) ? n : new StateTreap(n.key, value, n.priority, n.left, n.right);
        }
        if (c < 0) {
            StateTreap l = put(n.left, key, value, priority);
            if (above(l, n)) { // rotate right
                return new StateTreap(
                        l.key,
                        l.value,
                        l.priority,
                        l.left,
                        new StateTreap(n.key, n.value, n.priority, l.right, n.right));
            }
            return new StateTreap(n.key, n.value, n.priority, l, n.right);
        }
        StateTreap r = put(n.right, key, value, priority);
        if (above(r, n)) { // rotate left
            return new StateTreap(
                    r.key, r.value, r.priority, new StateTreap(n.key, n.value, n.priority, n.left, r.left), r.right);
        }
        return new StateTreap(n.key, n.value, n.priority, n.left, r);
    }

    /**
     * Node hash = SHA-256(0x02 || address(20) || balance i64 LE || nonce i64 LE || reputation i64 LE
     * || left hash(32) || right hash(32)), an absent child hashing as 32 zero bytes.
     */
    static Hash hash(StateTreap n) {
        if (n == null) {
            return Hash.ZERO;
        }
        Hash h = n.hash;
        if (h == null) {
            Hash l = hash(n.left);
            Hash r = hash(n.right);
            MessageDigest md = Hash.newDigest();
            byte[] fixed = new byte[1 + Address.LENGTH + 24];
            fixed[0] = NODE_TAG;
            System.arraycopy(n.key.bytes().unsafeArray(), 0, fixed, 1, Address.LENGTH);
            putLong(fixed, 1 + Address.LENGTH, n.value.balance().units());
            putLong(fixed, 9 + Address.LENGTH, n.value.nonce());
            putLong(fixed, 17 + Address.LENGTH, n.value.reputation());
            md.update(fixed);
            md.update(l.unsafeArray());
            md.update(r.unsafeArray());
            h = Hash.ofDigest(md);
            n.hash = h;
        }
        return h;
    }

    private static void putLong(byte[] out, int at, long v) {
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static void forEach(StateTreap n, BiConsumer<Address, Account> action) {
        if (n == null) {
            return;
        }
        forEach(n.left, action);
        action.accept(n.key, n.value);
        forEach(n.right, action);
    }

    static int depth(StateTreap n) {
        return n == null ? 0 : 1 + Math.max(depth(n.left), depth(n.right));
    }
}
