package io.learnchain.cli.common;

import io.learnchain.base.Address;
import io.learnchain.chain.genesis.DevAccounts;
import io.learnchain.chain.genesis.Genesis;
import io.learnchain.chain.genesis.Premine;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public development accounts a genesis funds, as the rows the node and devnet banners print
 * (and write as JSON): name {@code dev:i}, address, premined balance and the PUBLIC private key.
 */
public final class DevAccountRows {
    private DevAccountRows() {}

    /** The funded dev accounts among {@code dev:0 .. dev:(count-1)}, in index order; unfunded ones are skipped. */
    public static List<Map<String, Object>> of(Genesis genesis, int count) {
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Address address = DevAccounts.address(i);
            Optional<Premine> premine = genesis.premine().stream()
                    .filter(p -> p.address().equals(address))
                    .findFirst();
            if (premine.isEmpty()) {
                continue;
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", "dev:" + i);
            a.put("address", address.toString());
            a.put("balance", premine.get().amount().toString());
            a.put("privateKey", HexFormat.of().formatHex(DevAccounts.seed(i)));
            accounts.add(a);
        }
        return accounts;
    }
}
