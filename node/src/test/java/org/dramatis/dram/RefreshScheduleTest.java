package org.dramatis.dram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshScheduleTest {

    @TempDir
    Path dir;

    /** The 2-rank HBM3-PIM preset (4 bank groups x 4 banks, tREFI 5070, tREFIb 316) under {@code policy}. */
    private DramConfig config(String policy) throws IOException {
        Path ini = dir.resolve(policy + ".ini");
        Files.write(ini, Files.readAllLines(DramTestConfigs.path("HBM3_PIM_AttAcc")).stream()
                .map(l -> l.startsWith("refresh_policy ") ? "refresh_policy = " + policy : l).toList());
        DramConfig c = DramConfig.load(ini);
        assertEquals(2, c.ranks);
        return c;
    }

    /** "rank@due" or "rank.bankgroup.bank@due" of each refresh taken, {@code n} due cycles. */
    private static List<String> take(RefreshSchedule s, int n) {
        List<String> taken = new ArrayList<>();
        RefreshSchedule.Target record = new RefreshSchedule.Target() {
            @Override
            public void rank(int rank, long due) {
                taken.add(rank + "@" + due);
            }

            @Override
            public void bank(int rank, int bankgroup, int bank, long due) {
                taken.add(rank + "." + bankgroup + "." + bank + "@" + due);
            }
        };
        for (int i = 0; i < n; i++) s.take(record);
        return taken;
    }

    @Test
    void intervalsAndRotationPerPolicy() throws IOException {
        RefreshSchedule all = new RefreshSchedule(config("RANK_LEVEL_SIMULTANEOUS"));
        assertEquals(List.of("0@5070", "1@5070", "0@10140", "1@10140"), take(all, 2));
        RefreshSchedule staggered = new RefreshSchedule(config("RANK_LEVEL_STAGGERED"));
        assertEquals(List.of("0@2535", "1@5070", "0@7605"), take(staggered, 3));
        RefreshSchedule perBank = new RefreshSchedule(config("BANK_LEVEL_STAGGERED"));
        List<String> banks = take(perBank, 33);
        // bank group first, then bank, then rank
        assertEquals(List.of("0.0.0@316", "0.1.0@632", "0.2.0@948", "0.3.0@1264", "0.0.1@1580"), banks.subList(0, 5));
        assertEquals(List.of("1.0.0@" + 316 * 17, "0.0.0@" + 316 * 33), List.of(banks.get(16), banks.get(32)));
    }

    @Test
    void skippedTurnsLeaveTheRotation() throws IOException {
        RefreshSchedule s = new RefreshSchedule(config("RANK_LEVEL_STAGGERED"));
        take(s, 1);
        assertEquals(6, s.skipTurns(3));
        assertArrayEquals(new long[] {2535 * 8, 1, 0, 0}, s.state());
        RefreshSchedule all = new RefreshSchedule(config("RANK_LEVEL_SIMULTANEOUS"));
        assertEquals(2 * 4, all.skipTurns(4), "every rank per due cycle");
        assertEquals(5070 * 5, all.due());
    }
}
