package io.learnchain.chain.state;

import io.learnchain.base.Address;
import io.learnchain.base.Hash;
import io.learnchain.base.codec.CanonicalReader;
import io.learnchain.base.codec.CanonicalWriter;
import io.learnchain.base.codec.CodecException;
import io.learnchain.base.merkle.MerkleRoot;
import io.learnchain.chain.state.LifelongRecords.Badges;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The lifelong registry: every deployed model by id, the next id, and the badges per address.
 * Immutable. While empty it contributes nothing to the state root; afterwards its root is
 * SHA-256(0x07 || u64 nextId || RFC 6962 root of model hashes in id order || RFC 6962 root of
 * SHA-256(address || badges) in address order).
 */
public final class LifelongBook {
    public static final LifelongBook EMPTY = new LifelongBook(new TreeMap<>(), 1, new TreeMap<>());
    public static final int MAX_MODELS = 100_000;
    public static final int MAX_ADDRESSES = 10_000_000;

    private final SortedMap<Long, LifelongModel> models;
    private final long nextId;
    private final SortedMap<Address, Badges> badges;

    private LifelongBook(SortedMap<Long, LifelongModel> models, long nextId, SortedMap<Address, Badges> badges) {
        this.models = Collections.unmodifiableSortedMap(models);
        this.nextId = nextId;
        this.badges = Collections.unmodifiableSortedMap(badges);
    }

    public boolean isEmpty() {
        return nextId == 1 && models.isEmpty() && badges.isEmpty();
    }

    public long nextId() {
        return nextId;
    }

    public Optional<LifelongModel> get(long id) {
        return Optional.ofNullable(models.get(id));
    }

    /** All models in id order. */
    public List<LifelongModel> all() {
        return new ArrayList<>(models.values());
    }

    public Badges badges(Address address) {
        return badges.getOrDefault(address, Badges.NONE);
    }

    /** Every address with a badge, strike or challenge, in address order. */
    public SortedMap<Address, Badges> allBadges() {
        return badges;
    }

    public LifelongBook withModel(LifelongModel model) {
        TreeMap<Long, LifelongModel> copy = new TreeMap<>(models);
        copy.put(model.id(), model);
        return new LifelongBook(copy, Math.max(nextId, model.id() + 1), badges);
    }

    public LifelongBook withBadges(Address address, Badges b) {
        TreeMap<Address, Badges> copy = new TreeMap<>(badges);
        copy.put(address, b);
        return new LifelongBook(models, nextId, copy);
    }

    public Hash root() {
        List<Hash> modelHashes = new ArrayList<>(models.size());
        for (LifelongModel m : models.values()) {
            modelHashes.add(m.hash());
        }
        List<Hash> badgeHashes = new ArrayList<>(badges.size());
        for (Map.Entry<Address, Badges> e : badges.entrySet()) {
            CanonicalWriter w = new CanonicalWriter(52);
            w.address(e.getKey());
            e.getValue().write(w);
            badgeHashes.add(Hash.sha256(w.toByteArray()));
        }
        CanonicalWriter out = new CanonicalWriter(73);
        out.u8(0x07).i64(nextId).hash(MerkleRoot.of(modelHashes)).hash(MerkleRoot.of(badgeHashes));
        return Hash.sha256(out.toByteArray());
    }

    /** i64 nextId, list of models in id order, list of (address, badges) in address order. */
    public void write(CanonicalWriter out) {
        out.i64(nextId).list(models.values(), (m, w) -> m.write(w)).list(badges.entrySet(), (e, w) -> {
            w.address(e.getKey());
            e.getValue().write(w);
        });
    }

    public static LifelongBook read(CanonicalReader in) {
        long nextId = in.i64();
        List<LifelongModel> list = in.list(MAX_MODELS, 64, LifelongModel::read);
        TreeMap<Long, LifelongModel> models = new TreeMap<>();
        long previous = 0;
        for (LifelongModel m : list) {
            if (m.id() <= previous || m.id() >= nextId) {
                throw new CodecException("lifelong models must be in strictly increasing id order below " + nextId);
            }
            previous = m.id();
            models.put(m.id(), m);
        }
        List<Map.Entry<Address, Badges>> entries =
                in.list(MAX_ADDRESSES, 52, r -> Map.entry(r.address(), Badges.read(r)));
        TreeMap<Address, Badges> badges = new TreeMap<>();
        Address last = null;
        for (var e : entries) {
            if (last != null && last.compareTo(e.getKey()) >= 0) {
                throw new CodecException("lifelong badges must be in strictly increasing address order");
            }
            last = e.getKey();
            badges.put(e.getKey(), e.getValue());
        }
        if (nextId < 1) {
            throw new CodecException("lifelong next id must be >= 1, got " + nextId);
        }
        return new LifelongBook(models, nextId, badges);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LifelongBook b && nextId == b.nextId && models.equals(b.models) && badges.equals(b.badges);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nextId) * 31 + models.hashCode();
    }
}
