package io.learnchain.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bans expire by age; a flood of fresh identities never lifts an earlier, longer ban. */
class BanListTest {
    @Test
    void aFloodOfShortBansEvictsTheEarliestNotTheLongBan() {
        BanList bans = new BanList();
        bans.ban("node-a", "mutated block", 1_000_000);
        for (int i = 0; i < BanList.MAX_ENTRIES + 5_600; i++) {
            bans.ban("flood-" + i, "junk frame", 10_000 + i);
        }
        assertThat(bans.isBanned("node-a", 5_000))
                .as("the long ban survives the flood")
                .isTrue();
        assertThat(bans.entries()).hasSize(BanList.MAX_ENTRIES);
        assertThat(bans.isBanned("flood-0", 5_000))
                .as("the ban that would lapse first was evicted")
                .isFalse();
        assertThat(bans.isBanned("flood-" + (BanList.MAX_ENTRIES + 5_599), 5_000))
                .isTrue();
    }

    @Test
    void aBanLapsesWhenItsTimeIsUpAndTheLongerOfTwoBansHolds() {
        BanList bans = new BanList();
        bans.ban("peer", "first", 2_000);
        bans.ban("peer", "second", 1_000);
        assertThat(bans.isBanned("peer", 1_500)).isTrue();
        assertThat(bans.isBanned("peer", 2_000)).isFalse();
        assertThat(bans.entries()).isEmpty();
    }
}
