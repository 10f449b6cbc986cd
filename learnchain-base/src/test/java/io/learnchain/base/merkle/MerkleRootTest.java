package io.learnchain.base.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnchain.base.Hash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleRootTest {

    private static List<Hash> leaves(int n) {
        List<Hash> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Hash.sha256(new byte[] {(byte) i}));
        }
        return out;
    }

    @Test
    void emptyListHasTheHashOfNothing() {
        assertThat(MerkleRoot.of(List.of()))
                .isEqualTo(Hash.fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    @Test
    void followsRfc6962Shape() {
        List<Hash> l = leaves(5);
        Hash ab = MerkleRoot.nodeHash(MerkleRoot.leafHash(l.get(0)), MerkleRoot.leafHash(l.get(1)));
        Hash cd = MerkleRoot.nodeHash(MerkleRoot.leafHash(l.get(2)), MerkleRoot.leafHash(l.get(3)));
        Hash expected = MerkleRoot.nodeHash(MerkleRoot.nodeHash(ab, cd), MerkleRoot.leafHash(l.get(4)));
        assertThat(MerkleRoot.of(l)).isEqualTo(expected);
        assertThat(MerkleRoot.of(l.subList(0, 1))).isEqualTo(MerkleRoot.leafHash(l.get(0)));
    }

    @Test
    void duplicatingTheLastLeafChangesTheRoot() {
        for (int n = 1; n < 20; n++) {
            List<Hash> l = leaves(n);
            List<Hash> dup = new ArrayList<>(l);
            dup.add(l.get(n - 1));
            assertThat(MerkleRoot.of(dup)).as("n=%d", n).isNotEqualTo(MerkleRoot.of(l));
        }
    }

    @Test
    void aLeafEqualToAnInnerNodeDoesNotCollide() {
        List<Hash> l = leaves(2);
        Hash inner = MerkleRoot.of(l);
        assertThat(MerkleRoot.of(List.of(inner))).isNotEqualTo(inner);
    }

    @Test
    void orderMatters() {
        List<Hash> l = leaves(3);
        assertThat(MerkleRoot.of(List.of(l.get(1), l.get(0), l.get(2)))).isNotEqualTo(MerkleRoot.of(l));
    }
}
