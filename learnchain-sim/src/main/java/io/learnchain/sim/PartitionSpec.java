package io.learnchain.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --partition SIDES@FROM-TO}: the network splits into sides (node indices, ranges with
 * {@code -}, lists with {@code ,}, sides separated by {@code |}) for a window of virtual time after
 * the start, e.g. {@code 0-1|2-3@60s-180s}. Links between sides are cut, then restored; sync heals
 * the split.
 *
 * @param sides disjoint sets of node indices
 */
public record PartitionSpec(List<Set<Integer>> sides, long fromMillis, long toMillis) {
    private static final Pattern FORM = Pattern.compile("(.+)@(\\d+)(ms|s|m)?-(\\d+)(ms|s|m)?");

    public PartitionSpec {
        sides = sides.stream().map(s -> (Set<Integer>) new TreeSet<>(s)).toList();
        if (sides.size() < 2 || fromMillis < 0 || toMillis <= fromMillis) {
            throw new IllegalArgumentException("a partition needs two or more sides and a window FROM < TO");
        }
    }

    public static PartitionSpec parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "--partition is SIDES@FROM-TO, e.g. 0-1|2-3@60s-180s; got '" + text + "'");
        }
        List<Set<Integer>> sides = new ArrayList<>();
        Set<Integer> all = new TreeSet<>();
        for (String side : m.group(1).split("\\|")) {
            Set<Integer> nodes = new TreeSet<>();
            for (String part : side.split(",")) {
                String[] range = part.strip().split("-");
                try {
                    int lo = Integer.parseInt(range[0].strip());
                    int hi = range.length > 1 ? Integer.parseInt(range[1].strip()) : lo;
                    for (int i = lo; i <= hi; i++) {
                        if (!all.add(i)) {
                            throw new IllegalArgumentException("--partition puts node " + i + " on two sides");
                        }
                        nodes.add(i);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "--partition sides are node numbers like 0-1|2,3; got '" + side + "'", e);
                }
            }
            sides.add(nodes);
        }
        return new PartitionSpec(sides, millis(m.group(2), m.group(3)), millis(m.group(4), m.group(5)));
    }

    private static long millis(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit == null ? "s" : unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            default -> n * 1_000;
        };
    }

    /** Checks every node named exists among {@code nodes}. */
    void check(int nodes) {
        sides.stream().flatMap(Set::stream).filter(i -> i >= nodes).findFirst().ifPresent(i -> {
            throw new IllegalArgumentException(
                    "--partition names node " + i + " but there are only " + nodes + " nodes (0.." + (nodes - 1) + ")");
        });
    }
}
