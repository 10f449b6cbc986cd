package io.learnchain.chain.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Address;
import io.learnchain.base.Amount;
import io.learnchain.base.Hash;
import io.learnchain.base.rng.SplitMix64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorldStateTest {

    private static Address addr(SplitMix64 rng) {
        byte[] b = new byte[20];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rng.nextInt(256);
        }
        return Address.ofBytes(b);
    }

    private static Account acc(long units, long nonce) {
        return new Account(Amount.ofUnits(units), nonce, 0);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void rootDependsOnTheAccountsNotTheInsertionOrder(long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        List<Address> addresses = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            addresses.add(addr(rng));
        }
        WorldState forward = WorldState.empty();
        for (int i = 0; i < addresses.size(); i++) {
            forward = forward.with(addresses.get(i), acc(i, i % 3));
        }
        int[] order = new int[addresses.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        WorldState shuffled = WorldState.empty();
        for (int i : order) {
            shuffled = shuffled.with(addresses.get(i), acc(i, i % 3));
        }
        Map<Address, Account> hashMap = new HashMap<>();
        for (int i = 0; i < addresses.size(); i++) {
            hashMap.put(addresses.get(i), acc(i, i % 3));
        }
        assertThat(shuffled.root()).as("seed %d", seed).isEqualTo(forward.root());
        assertThat(WorldState.of(hashMap).root()).isEqualTo(forward.root());
        assertThat(forward.size()).isEqualTo(300);
        assertThat(forward.depth()).as("treap depth for 300 keys").isLessThan(40);
    }

    @Test
    void olderStatesStayUnchanged() {
        Address a = Address.ofBytes(new byte[20]);
        WorldState s0 = WorldState.empty().with(a, acc(5, 0));
        Hash root0 = s0.root();
        WorldState s1 = s0.with(a, acc(6, 1));
        assertThat(s0.account(a)).isEqualTo(acc(5, 0));
        assertThat(s0.root()).isEqualTo(root0).isNotEqualTo(s1.root());
        assertThat(s1.account(a)).isEqualTo(acc(6, 1));
        assertThat(s1.with(a, acc(5, 0)).root()).isEqualTo(root0);
    }

    @Test
    void everyFieldChangesTheRoot() {
        Address a = Address.ofBytes(new byte[20]);
        WorldState base = WorldState.empty().with(a, new Account(Amount.ofUnits(1), 1, 1));
        assertThat(base.with(a, new Account(Amount.ofUnits(2), 1, 1)).root()).isNotEqualTo(base.root());
        assertThat(base.with(a, new Account(Amount.ofUnits(1), 2, 1)).root()).isNotEqualTo(base.root());
        assertThat(base.with(a, new Account(Amount.ofUnits(1), 1, 2)).root()).isNotEqualTo(base.root());
        assertThat(WorldState.empty().root()).isEqualTo(Hash.ZERO);
    }

    @Test
    void untouchedAccountsReadAsEmptyAndIterationIsSorted() {
        SplitMix64 rng = new SplitMix64(9);
        TreeMap<Address, Account> expected = new TreeMap<>();
        WorldState s = WorldState.empty();
        for (int i = 0; i < 100; i++) {
            Address a = addr(rng);
            expected.put(a, acc(i, 0));
            s = s.with(a, acc(i, 0));
        }
        assertThat(s.entries()).containsExactlyElementsOf(new ArrayList<>(expected.entrySet()));
        assertThat(s.account(addr(rng))).isEqualTo(Account.EMPTY);
        assertThat(WorldStateCodec.INSTANCE
                        .decode(WorldStateCodec.INSTANCE.encode(s))
                        .root())
                .isEqualTo(s.root());
    }

    @Test
    void updatingAFewAccountsInALargeStateIsCheap() {
        SplitMix64 rng = new SplitMix64(4);
        TreeMap<Address, Account> big = new TreeMap<>();
        for (int i = 0; i < 100_000; i++) {
            big.put(addr(rng), acc(i, 0));
        }
        WorldState s = WorldState.of(big);
        s.root();
        long t0 = System.nanoTime();
        WorldState next = s;
        for (int i = 0; i < 500; i++) {
            next = next.with(addr(rng), acc(i, 1));
        }
        next.root();
        long micros = (System.nanoTime() - t0) / 1000;
        System.out.println("500 updates + root on 100k accounts: " + micros + " us, depth " + s.depth());
        assertThat(next.size()).isEqualTo(100_500);
        assertThat(s.depth()).isLessThan(60);
    }
}
