package io.learnchain.chain.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnchain.base.Hash;
import io.learnchain.base.codec.CodecException;
import io.learnchain.base.crypto.KeyPair;
import io.learnchain.chain.pole.RoundKeyRelease;
import io.learnchain.chain.work.SecureMappingLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundKeyReleaseTest {
    private static final ProjectionSpec SPEC = new ProjectionSpec(new InputQuantizer(4, 4, 2, 15), 3, 1);
    private static final MasterSecretKey MSK = InnerProductEncryption.setup(SPEC.dimension(), EntropySource.seeded(61));
    private static final KeyPair REQUESTER = KeyPair.fromSeed(new byte[32]);
    private static final KeyPair STRANGER = KeyPair.fromSeed(filled(7));
    private static final Hash CHAIN = Hash.sha256(new byte[] {1});
    private static final Hash PREVIOUS = Hash.sha256(new byte[] {2});

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static RoundKeyRelease release(KeyPair signer, Hash previous) {
        Hash roundKey = SecureMappingLayer.roundKey(previous, 3);
        return RoundKeyRelease.sign(signer, CHAIN, 3, previous, RoundFeatures.deriveKeys(SPEC, MSK, roundKey));
    }

    @Test
    void theRequestersReleaseForTheRoundPassesAndRoundTrips() {
        RoundKeyRelease release = release(REQUESTER, PREVIOUS);
        assertThat(release.problem(CHAIN, 3, PREVIOUS, REQUESTER.publicKey(), SPEC, MSK.publicKey()))
                .isEmpty();
        RoundKeyRelease decoded = RoundKeyRelease.decode(release.encode());
        assertThat(decoded).isEqualTo(release);
        assertThat(decoded.encode()).isEqualTo(release.encode());
    }

    @Test
    void refusesAnotherSignerAnotherRoundAndKeysThatDoNotOpenTheRows() {
        assertThat(release(STRANGER, PREVIOUS)
                        .problem(CHAIN, 3, PREVIOUS, REQUESTER.publicKey(), SPEC, MSK.publicKey()))
                .hasValueSatisfying(p -> assertThat(p).contains("not signed by the task's requester"));
        assertThat(release(REQUESTER, Hash.sha256(new byte[] {9}))
                        .problem(CHAIN, 3, PREVIOUS, REQUESTER.publicKey(), SPEC, MSK.publicKey()))
                .hasValueSatisfying(p -> assertThat(p).contains("not task 3 on"));
        // last round's keys, re-signed for this round: the signature holds, the keys do not open the rows
        RoundKeyRelease stale = release(REQUESTER, Hash.sha256(new byte[] {9}));
        RoundKeyRelease resigned = RoundKeyRelease.sign(REQUESTER, CHAIN, 3, PREVIOUS, stale.keys());
        assertThat(resigned.problem(CHAIN, 3, PREVIOUS, REQUESTER.publicKey(), SPEC, MSK.publicKey()))
                .hasValueSatisfying(p -> assertThat(p).contains("key 0 is not the functional key"));
        List<FunctionalKey> short2 =
                new ArrayList<>(release(REQUESTER, PREVIOUS).keys().subList(0, 2));
        assertThat(RoundKeyRelease.sign(REQUESTER, CHAIN, 3, PREVIOUS, short2)
                        .problem(CHAIN, 3, PREVIOUS, REQUESTER.publicKey(), SPEC, MSK.publicKey()))
                .hasValueSatisfying(p -> assertThat(p).contains("carries 2 keys"));
    }

    @Test
    void rejectsMalformedEncodings() {
        byte[] bytes = release(REQUESTER, PREVIOUS).encode();
        assertThatThrownBy(() -> RoundKeyRelease.decode(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> RoundKeyRelease.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("trailing");
        byte[] overOrder = bytes.clone();
        Arrays.fill(overOrder, 1 + 32 + 8 + 32 + 4, 1 + 32 + 8 + 32 + 4 + 32, (byte) 0xff);
        assertThatThrownBy(() -> RoundKeyRelease.decode(overOrder))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("not below the group order");
    }

    @Test
    void signedByTellsTheSignersKey() {
        RoundKeyRelease release = release(REQUESTER, PREVIOUS);
        assertThat(release.signedBy(REQUESTER.publicKey())).isTrue();
        assertThat(release.signedBy(STRANGER.publicKey())).isFalse();
    }
}
