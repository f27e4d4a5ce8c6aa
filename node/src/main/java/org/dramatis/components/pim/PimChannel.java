package org.dramatis.components.pim;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.dramatis.components.ops.Clock;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpUnit;
import org.dramatis.dram.ChannelState;
import org.dramatis.dram.CommandType;
import org.dramatis.dram.DramConfig;
import org.dramatis.dram.Timing;
import org.dramatis.engine.AtLeast;
import org.dramatis.engine.Bounds;
import org.dramatis.engine.ComponentParams;
import org.dramatis.engine.Context;
import org.dramatis.engine.Stats;

/**
 * One DRAM channel (an HBM pseudo-channel, a GDDR6 channel) whose every bank carries a near-bank
 * processing unit of {@code macLanesPerBank} MAC lanes (HBM-PIM / AiM style), with a per-channel
 * global buffer that holds the broadcast input vector.
 *
 * <p>A matrix op ({@code GEMV}, or {@code GEMM} of {@code m} input rows) is one PIM command
 * sequence. The weights ({@code weightBytes}) lie row-major over every bank of the channel, so
 * one MAC command (one column burst in every bank) covers {@code banks x burst} weight bytes and
 * a pass over the weights takes {@code ceil(weightBytes / (banks x burst))} MAC commands per input
 * vector, grouped into DRAM rows of {@code columns / BL} commands. The input vectors go to the
 * global buffer in groups of as many as it holds; each group is one pass over the weights (the
 * weights are re-streamed per group), with one MAC command per column burst and vector. A vector
 * larger than the buffer is loaded in buffer-sized chunks, each followed by the rows of its
 * share of the weights. Per pass:
 * <ol>
 * <li>write the group's input bytes into the global buffer over the channel's data bus (one
 *     write burst per bus slot; the buffer may be overwritten from the cycle after the last MAC
 *     that read it; data in after write latency + burst);</li>
 * <li>for each DRAM row of weights: an all-bank activate (after any refresh that has fallen due:
 *     refreshes are taken between rows, postponed by less than one row, which JEDEC allows), MAC
 *     commands at least {@code macIntervalCycles} apart and at least {@code macRcdCycles} after
 *     the activate (and every same-bank column-read constraint of the DRAM), an all-bank
 *     precharge;</li>
 * <li>read the pass's share of {@code outBytes} out over the bus, from read latency + burst after
 *     the last MAC (the MAC result is in its accumulator when the column data would have left the
 *     bank).</li>
 * </ol>
 * The op ends when its last result burst has left the bus. Banks keep their timing state across
 * ops, so a later op waits for the precharges, refresh and bus turnaround of the earlier one.
 *
 * <p>Two timing paths give the same result: {@code commandLevel = true} issues every command
 * through {@link ChannelState} ({@code required / readyCycle / issue} semantics, all-bank commands
 * via {@link ChannelState#issueAllBanks}); the default closed form keeps, during a matrix op, only
 * the per-rank maximum of the banks' ready cycles (all its commands hold every bank of a rank
 * alike), issues only the rows that start a pass, follow a refresh or are partial, advances the
 * rows in between, whose schedule repeats with a fixed period, in one step, and likewise advances
 * runs of identical units (passes or chunked vectors) that leave the state one period later,
 * up to the next refresh. {@code PimChannelTest} checks that both give identical durations,
 * energies and counters.
 *
 * <p>{@code STORE} (a KV-cache append of {@code inBytes}) and {@code LOAD} ({@code outBytes})
 * use the normal per-bank path: bursts spread round-robin over the banks, one row per bank at a
 * time; per round every bank involved is activated (tRRD, tFAW apply), written (read) over the
 * shared bus, and precharged. They end when the last burst has crossed the bus. The closed form
 * issues only the last of a bank's run of bursts in a round (after the first, only the bank's
 * column-to-column delay and the bus spacing bind, so they follow at a fixed gap), and advances
 * runs of full rounds that leave the whole channel state one period later, up to the next
 * refresh, in one step ({@link ChannelState#isShiftOf}, {@link ChannelState#repeat}), and counts
 * the refreshes that fell due while the channel idled in whole turns: O(rounds with a refresh x
 * banks) per op. Element-wise classes are an error: they run on vector units.
 *
 * <p>Energy (per-bit figures of AttAcc's energy table, after Fine-Grained DRAM, O'Connor et al.,
 * MICRO 2017): a row activation and its precharge cost {@code pjPerBitCellActPre} per bit of the
 * activated row in each bank; a MAC command's column read costs {@code pjPerBitCellRdWr} per
 * bit of the burst in each bank (it feeds the bank's MAC lanes directly, no global IO path, as
 * AttAcc charges bank-level PIM); each MAC lane operation costs {@code pjPerMac}; a global-buffer
 * write crosses the TSVs and the global IO ({@code pjPerBitTsv + pjPerBitBankGroupMuxToGlobalIo}
 * per bit); a result read-out and normal reads/writes also cross the column path between bank
 * and bank-group mux ({@code + pjPerBitBankToBankGroupMux}, and for normal accesses the cell
 * read/write). Each refresh costs VDD x (IDD5AB - IDD3N) x tRFC per device (a per-bank
 * refresh VDD x (IDD5PB - IDD3N) x tRFCb), as DRAMsim3 charges it; the banks' background is static power, VDD x IDD2N per device of every rank (precharge
 * standby: the extra of active standby while rows are open is not charged). The currents come
 * from the DRAM config, each with its source there.
 *
 * <p>Not modelled: command-bus slot conflicts between commands to different banks in the same
 * cycle (at most a cycle each), and power-down.
 */
public final class PimChannel extends OpUnit {

    /**
     * @param dramConfig        the channel's DRAM: name of a shipped config in topologies/dram
     *                          ({@code HBM3_PIM_AttAcc}, {@code GDDR6_AiM_CENT}) or an .ini path
     * @param macLanesPerBank   MAC lanes per bank, one operand element per lane per MAC command.
     *                          AttAcc: 16 FP16 MACs per bank; AiM: 16 x 16-bit lanes (256 bit per
     *                          command)
     * @param macIntervalCycles minimum tCK between all-bank MAC commands. AttAcc HBM3-PIM preset:
     *                          6 under the power limit, 4 without. AiM: 2 (AiM, ISSCC 2022: 1 TFLOPS
     *                          per chip of 2 channels x 16 banks x 16 MACs, i.e. one MAC command per
     *                          ns = 2 tCK of 0.5 ns; equal to the config's tCCD_L)
     * @param macRcdCycles      minimum tCK from an all-bank activate to its first MAC. AttAcc: 19
     *                          (the preset's RCD); AiM config: 56 for MAC (36 for a normal read)
     * @param globalBufferBytes bytes of the channel's global buffer (the broadcast input vector).
     *                          AiM: 2 KB per channel. AttAcc publishes no size: assumption, AiM's 2 KB
     * @param pjPerMac          energy per MAC lane operation. AttAcc energy table: 0.32 pJ per FP16 MAC
     * @param pjPerBitCellActPre energy per bit of an activated row, activate and precharge. AttAcc: 0.11
     * @param pjPerBitCellRdWr  energy per bit of a column read or write in the cell array. AttAcc: 0.44
     * @param pjPerBitBankToBankGroupMux energy per bit from the column decoder to the bank-group mux. AttAcc: 1.01
     * @param pjPerBitBankGroupMuxToGlobalIo energy per bit from the bank-group mux to the global IO. AttAcc: 1.23
     * @param pjPerBitTsv       energy per bit through the TSVs. AttAcc: 0.5; GDDR6 (one die): 0
     * @param commandLevel      issue every command one by one (for validation) instead of the
     *                          closed form; both give the same result
     */
    public record Params(String dramConfig, @AtLeast(1) int macLanesPerBank, @AtLeast(1) int macIntervalCycles,
                         @AtLeast(0) int macRcdCycles, @AtLeast(1) long globalBufferBytes, @AtLeast(0) double pjPerMac,
                         @AtLeast(0) double pjPerBitCellActPre, @AtLeast(0) double pjPerBitCellRdWr,
                         @AtLeast(0) double pjPerBitBankToBankGroupMux, @AtLeast(0) double pjPerBitBankGroupMuxToGlobalIo,
                         @AtLeast(0) double pjPerBitTsv, boolean commandLevel) implements ComponentParams {

        /** The AttAcc HBM3-PIM pseudo-channel ({@link #hbm3PimAttAcc()}). */
        public static Params defaults() {
            return hbm3PimAttAcc();
        }

        /** AttAcc's HBM3-PIM pseudo-channel (2 ranks x 16 banks), MAC interval 6 (power-limited). */
        public static Params hbm3PimAttAcc() {
            return new Params("HBM3_PIM_AttAcc", 16, 6, 19, 2048, 0.32, 0.11, 0.44, 1.01, 1.23, 0.5, false);
        }

        /**
         * CENT's GDDR6-AiM channel (16 banks). The per-bit energies are AttAcc's HBM figures as
         * an assumption for the GDDR6 die (CENT publishes only the DQ energy, 5.5 pJ/bit, which
         * belongs to the link); no TSVs.
         */
        public static Params gddr6AimCent() {
            return new Params("GDDR6_AiM_CENT", 16, 2, 56, 2048, 0.32, 0.11, 0.44, 1.01, 1.23, 0.0, false);
        }

        public Params withCommandLevel(boolean on) {
            return new Params(dramConfig, macLanesPerBank, macIntervalCycles, macRcdCycles, globalBufferBytes,
                    pjPerMac, pjPerBitCellActPre, pjPerBitCellRdWr, pjPerBitBankToBankGroupMux,
                    pjPerBitBankGroupMuxToGlobalIo, pjPerBitTsv, on);
        }

        public DramConfig config() {
            return DramConfig.named(dramConfig);
        }

        @Override
        public long capacityBytes() {
            return config().channelSizeMb << 20;
        }

        /** Banks x one column burst per effective MAC interval. */
        @Override
        public double peakInternalBytesPerSecond() {
            DramConfig c = config();
            return (double) c.ranks * c.banks * c.requestBytes / (macCycles(c) * c.tCkNs * 1e-9);
        }

        @Override
        public double peakExternalBytesPerSecond() {
            DramConfig c = config();
            return c.peakBytesPerCycle() / (c.tCkNs * 1e-9);
        }

        /** Banks x lanes per effective MAC interval. */
        @Override
        public double peakMacsPerSecond() {
            DramConfig c = config();
            return (double) c.ranks * c.banks * macLanesPerBank / (macCycles(c) * c.tCkNs * 1e-9);
        }

        /** The MAC interval the banks achieve: the larger of the PIM interval and the same-bank read-to-read gap. */
        int macCycles(DramConfig c) {
            return Math.max(macIntervalCycles, new Timing(c).sameBankDelay(CommandType.READ, CommandType.READ));
        }

        /** Precharge standby of every device of every rank (mA x V = mW). */
        @Override
        public double staticPowerW() {
            DramConfig c = config();
            return c.ranks * c.preStandbyEnergyInc * 1e-3;
        }

        @Override
        public Map<String, Long> contains() {
            DramConfig c = config();
            long banks = (long) c.ranks * c.banks;
            return Map.of("bank", banks, "pim_unit", banks);
        }

        @Override
        public void validate() {
            if (dramConfig == null || dramConfig.isBlank()) throw new IllegalArgumentException("dram_config: a DRAM config name or .ini path is required");
            Bounds.check(this);
        }
    }

    /** Earlier than any cycle, with room for additions. */
    private static final long NEVER = Long.MIN_VALUE / 4;

    private final Params p;
    private final DramConfig c;
    private final ChannelState cs;
    private final long tCkPs;
    private final int banksTotal;
    private final long burstBytes;
    private final long colsPerRow;
    private final long rowBits;
    // same-bank delays of the DRAM (Timing), and the data-bus spacing of column commands
    private final long rp, rc, ras, rtp, macRcd, macGap, busReadToRead, busWriteToWrite, busReadToWrite, busWriteToRead;
    private final long refreshInterval;
    /** Cycles between a bank's consecutive normal writes (reads): its column-to-column delay or the bus spacing. */
    private final long writeRunGap, readRunGap;
    /** Per bank, the bursts of the current STORE/LOAD round. */
    private final long[] roundBursts;
    /** The command types a write (read) round holds ({@link ChannelState#heldBy}), and the channel state before a probed round. */
    private final int writeRoundHolds, readRoundHolds;
    private final long[] savedBanks;

    // channel state beyond the banks
    private long lastMac = NEVER;
    private long busReadReady, busWriteReady;
    private long refreshDue;
    private int refreshRank, refreshBankgroup, refreshBank;
    /** The previous row of the closed form. */
    private long rowAct, rowLastMac, rowPre;

    // counters (energy follows from them)
    private long macs, macCommands, allBankActivates, bankActivates, refreshes;
    private long bufferBursts, readoutBursts, writeBursts, readBursts;

    public PimChannel(Params p) {
        p.validate();
        this.p = p;
        this.c = p.config();
        Timing t = new Timing(c);
        this.cs = new ChannelState(c, t);
        tCkPs = c.tCkPs();
        banksTotal = c.ranks * c.banks;
        burstBytes = c.requestBytes;
        colsPerRow = c.columns / c.burstLength;
        rowBits = colsPerRow * burstBytes * 8;
        rp = t.sameBankDelay(CommandType.PRECHARGE, CommandType.ACTIVATE);
        rc = t.sameBankDelay(CommandType.ACTIVATE, CommandType.ACTIVATE);
        ras = t.sameBankDelay(CommandType.ACTIVATE, CommandType.PRECHARGE);
        rtp = t.sameBankDelay(CommandType.READ, CommandType.PRECHARGE);
        macRcd = Math.max(p.macRcdCycles(), t.sameBankDelay(CommandType.ACTIVATE, CommandType.READ));
        macGap = p.macCycles(c);
        busReadToRead = t.otherBankGroupDelay(CommandType.READ, CommandType.READ);
        busWriteToWrite = t.otherBankGroupDelay(CommandType.WRITE, CommandType.WRITE);
        busReadToWrite = t.otherBankGroupDelay(CommandType.READ, CommandType.WRITE);
        busWriteToRead = t.otherBankGroupDelay(CommandType.WRITE, CommandType.READ);
        writeRunGap = Math.max(t.sameBankDelay(CommandType.WRITE, CommandType.WRITE), busWriteToWrite);
        readRunGap = Math.max(t.sameBankDelay(CommandType.READ, CommandType.READ), busReadToRead);
        roundBursts = new long[banksTotal];
        writeRoundHolds = cs.heldBy(CommandType.ACTIVATE, CommandType.WRITE, CommandType.PRECHARGE);
        readRoundHolds = cs.heldBy(CommandType.ACTIVATE, CommandType.READ, CommandType.PRECHARGE);
        savedBanks = new long[cs.timesSize()];
        if (rc < 1 || busReadToRead < 1 || busWriteToWrite < 1) {
            throw new IllegalArgumentException(c.source + ": tRC and the burst spacing must be >= 1 cycle for a PIM channel");
        }
        refreshInterval = switch (c.refreshPolicy) {
            case RANK_LEVEL_SIMULTANEOUS -> c.tREFI;
            case BANK_LEVEL_STAGGERED -> c.tREFIb;
            case RANK_LEVEL_STAGGERED -> c.tREFI / c.ranks;
        };
        refreshDue = refreshInterval;
        ready = new long[c.ranks][ALL_BANK.length];
        lastRefresh = new long[c.ranks];
        Arrays.fill(lastRefresh, NEVER);
        holds = new int[ALL_BANK.length][ALL_BANK.length];
        for (int i = 0; i < ALL_BANK.length; i++) {
            for (int j = 0; j < ALL_BANK.length; j++) {
                holds[i][j] = ALL_BANK[i] == CommandType.REFRESH ? t.sameRankHold(ALL_BANK[i], ALL_BANK[j])
                        : t.sameBankHold(ALL_BANK[i], ALL_BANK[j]);
            }
        }
        saved = new long[TIMES + c.ranks * ALL_BANK.length];
    }

    @Override
    public String kind() {
        return "pim_channel";
    }

    @Override
    protected void begin(Context ctx, Compute op) {
        completeAfter(ctx, serve(op, ctx.now()) - ctx.now());
    }

    /**
     * Runs {@code op} starting at {@code nowPs} (no earlier than the previous op's end) and returns
     * the time its result is out, in ps.
     */
    public long serve(Compute op, long nowPs) {
        long start = Clock.ceilDiv(nowPs, tCkPs);
        long end = switch (op.cls()) {
            case GEMV, GEMM -> matrix(op, start);
            case STORE -> access(op, op.inBytes(), true, start);
            case LOAD -> access(op, op.outBytes(), false, start);
            default -> throw new IllegalArgumentException("op " + op.opId() + ": " + op.cls()
                    + " is an element-wise op; a pim_channel runs GEMV, GEMM, STORE and LOAD (element-wise ops run on vector units)");
        };
        return Math.max(end, start) * tCkPs;
    }

    // ---------------------------------------------------------------- matrix ops

    private long matrix(Compute op, long start) {
        if (op.weightBytes() < 1) throw new IllegalArgumentException("op " + op.opId() + ": a PIM " + op.cls() + " needs weightBytes >= 1");
        long capacity = c.channelSizeMb << 20;
        if (op.weightBytes() > capacity) {
            throw new IllegalArgumentException("op " + op.opId() + ": weights of " + op.weightBytes()
                    + " B exceed the channel's " + capacity + " B; the mapper must split the op");
        }
        macs += op.macs();
        long m = op.m();
        long cmdsPerVector = Clock.ceilDiv(op.weightBytes(), banksTotal * burstBytes);
        long vectorBytes = Clock.ceilDiv(op.inBytes(), m);
        long gb = p.globalBufferBytes();
        boolean chunked = vectorBytes > gb;
        // a unit: one pass over the weights for a group of vectors, or the chunk passes of one vector
        long group = chunked ? 1 : vectorBytes == 0 ? m : Math.min(m, gb / vectorBytes);
        long units = Clock.ceilDiv(m, group);
        // units of whole groups have the same shape when the bytes divide evenly over the rows
        long sameShape = op.inBytes() % m == 0 && op.outBytes() % m == 0 ? m / group : 0;
        if (!p.commandLevel()) loadBanks();
        long end = start;
        for (long u = 0; u < units; u++) {
            // from the second unit on, start and the state before the op no longer bind
            boolean probe = !p.commandLevel() && u >= 1 && u + 1 < sameShape;
            if (probe) saveState();
            long v0 = u * group, v1 = Math.min(m, v0 + group);
            long unitEnd = chunked ? chunkPasses(op, v0, cmdsPerVector, gb, start)
                    : pass(share(op.inBytes(), v0, v1, m), cmdsPerVector, v1 - v0, share(op.outBytes(), v0, v1, m), start);
            end = Math.max(end, unitEnd);
            if (probe) {
                long period = lastMac - saved[LAST_MAC];
                long repeats = repeats(period, sameShape - 1 - u);
                end = Math.max(end, unitEnd + repeats * period);
                u += repeats;
            }
        }
        if (!p.commandLevel()) flushBanks();
        return end;
    }

    /** The chunk passes of vector {@code v}; returns the cycle its results are out. */
    private long chunkPasses(Compute op, long v, long cmdsPerVector, long gb, long start) {
        long m = op.m();
        long chunks = Clock.ceilDiv(Clock.ceilDiv(op.inBytes(), m), gb);
        long bytes = share(op.inBytes(), v, v + 1, m);
        long end = start;
        for (long ch = 0; ch < chunks; ch++) {
            long chunkBytes = Math.max(0, Math.min(gb, bytes - ch * gb));
            long cmds = cmdsPerVector / chunks + (ch < cmdsPerVector % chunks ? 1 : 0);
            long out = ch == chunks - 1 ? share(op.outBytes(), v, v + 1, m) : 0;
            end = Math.max(end, pass(chunkBytes, cmds, 1, out, start));
        }
        return end;
    }

    /** Bytes of rows [from, to) of {@code total} spread over {@code m} rows (the shares sum to the total). */
    private static long share(long total, long from, long to, long m) {
        return Math.multiplyExact(total, to) / m - Math.multiplyExact(total, from) / m;
    }

    // The state a matrix unit starts from, as saved by saveState: the all-bank timing, the channel
    // scalars, and the counters a unit advances.
    private static final int LAST_MAC = 0, BUS_READ = 1, BUS_WRITE = 2, LAST_ACT = 3, LAST_PRE = 4, TIMES = 5;
    private final long[] saved;
    private long savedRefreshes, savedActivates, savedMacCommands, savedBufferBursts, savedReadoutBursts;

    private void saveState() {
        saved[LAST_MAC] = lastMac;
        saved[BUS_READ] = busReadReady;
        saved[BUS_WRITE] = busWriteReady;
        saved[LAST_ACT] = lastAct;
        saved[LAST_PRE] = lastPre;
        for (int r = 0; r < c.ranks; r++) System.arraycopy(ready[r], 0, saved, TIMES + r * ALL_BANK.length, ALL_BANK.length);
        savedRefreshes = refreshes;
        savedActivates = allBankActivates;
        savedMacCommands = macCommands;
        savedBufferBursts = bufferBursts;
        savedReadoutBursts = readoutBursts;
    }

    /**
     * After a unit that ran from the saved state: if it took no refresh and left every time of the
     * state exactly one period later than it found it, the next units (of the same shape) repeat
     * it shifted by that period: every cycle the channel computes is a max of these times plus
     * fixed delays (start and the state before the op no longer bind), so a shifted state gives a
     * shifted schedule, until a refresh falls due before one of the units' activates. Advances up
     * to {@code max} such units at once and returns how many.
     */
    private long repeats(long period, long max) {
        if (refreshes != savedRefreshes || period <= 0 || max <= 0) return 0;
        if (busReadReady - saved[BUS_READ] != period || busWriteReady - saved[BUS_WRITE] != period
                || lastAct - saved[LAST_ACT] != period || lastPre - saved[LAST_PRE] != period) return 0;
        for (int r = 0; r < c.ranks; r++) {
            for (int k = 0; k < ALL_BANK.length; k++) {
                if (ready[r][k] - saved[TIMES + r * ALL_BANK.length + k] != period) return 0;
            }
        }
        // unit j after this one has its last activate at lastAct + j period; it runs refresh-free while that is before refreshDue
        long n = Math.min(max, (refreshDue - 1 - lastAct) / period);
        if (n <= 0) return 0;
        long shift = n * period;
        lastMac += shift;
        busReadReady += shift;
        busWriteReady += shift;
        lastAct += shift;
        lastPre += shift;
        for (long[] rank : ready) {
            for (int k = 0; k < rank.length; k++) rank[k] += shift;
        }
        allBankActivates += n * (allBankActivates - savedActivates);
        macCommands += n * (macCommands - savedMacCommands);
        bufferBursts += n * (bufferBursts - savedBufferBursts);
        readoutBursts += n * (readoutBursts - savedReadoutBursts);
        return n;
    }

    /** One load of the global buffer and the rows that use it; returns the cycle its results are out. */
    private long pass(long bufferBytes, long cmdsPerVector, long vectors, long outBytes, long start) {
        long gbReady = bufferBytes > 0 ? bufferWrite(bufferBytes, start) : NEVER;
        long rows = Clock.ceilDiv(cmdsPerVector, colsPerRow);
        long fullCmds = colsPerRow * vectors;
        long lastCmds = (cmdsPerVector - (rows - 1) * colsPerRow) * vectors;
        if (rows > 0) {
            if (p.commandLevel()) {
                for (long i = 0; i < rows; i++) rowByCommands(i == rows - 1 ? lastCmds : fullCmds, start, gbReady);
            } else {
                rowsClosedForm(rows, fullCmds, lastCmds, start, gbReady);
            }
        }
        if (outBytes > 0) return readout(outBytes);
        return rows > 0 ? lastMac + c.readDelay : Math.max(gbReady, start);
    }

    /** Writes the input into the global buffer over the bus; returns the cycle the data is in. */
    private long bufferWrite(long bytes, long start) {
        long bursts = Clock.ceilDiv(bytes, burstBytes);
        bufferBursts += bursts;
        long first = Math.max(Math.max(start, busWriteReady), lastMac + 1);
        long last;
        if (p.commandLevel()) {
            long t = first;
            for (long b = 0; b < bursts; b++) {
                t = Math.max(t, busWriteReady);
                busWriteReady = t + busWriteToWrite;
                busReadReady = Math.max(busReadReady, t + busWriteToRead);
            }
            last = t;
        } else {
            last = first + (bursts - 1) * busWriteToWrite;
            busWriteReady = last + busWriteToWrite;
            busReadReady = Math.max(busReadReady, last + busWriteToRead);
        }
        return last + c.writeDelay;
    }

    /** Reads the results out over the bus; returns the cycle the last burst has left it. */
    private long readout(long bytes) {
        long bursts = Clock.ceilDiv(bytes, burstBytes);
        readoutBursts += bursts;
        long first = Math.max(busReadReady, lastMac + c.readDelay);
        long last;
        if (p.commandLevel()) {
            long t = first;
            for (long b = 0; b < bursts; b++) {
                t = Math.max(t, busReadReady);
                busReadReady = t + busReadToRead;
                busWriteReady = Math.max(busWriteReady, t + busReadToWrite);
            }
            last = t;
        } else {
            last = first + (bursts - 1) * busReadToRead;
            busReadReady = last + busReadToRead;
            busWriteReady = Math.max(busWriteReady, last + busReadToWrite);
        }
        return last + c.readDelay;
    }

    /** One row, every command issued through the channel state. */
    private void rowByCommands(long cmds, long start, long gbReady) {
        long act = activateCycle(start);
        issueAll(CommandType.ACTIVATE, act);
        long t = Math.max(Math.max(act + p.macRcdCycles(), gbReady), lastMac + p.macIntervalCycles());
        for (long j = 0; j < cmds; j++) {
            t = Math.max(t, readyAll(CommandType.READ));
            issueAll(CommandType.READ, t);
            lastMac = t;
            t += p.macIntervalCycles();
        }
        issueAll(CommandType.PRECHARGE, readyAll(CommandType.PRECHARGE));
        countRows(1, cmds);
    }

    /**
     * The rows of one pass in closed form. A row that starts the pass, follows a refresh, or has
     * fewer MAC commands than the rest is issued to the bank timing (its MAC train as first and
     * last command: in between nothing but the MAC gap binds). Every other row follows from the
     * previous one alone (activate after tRP and tRC, first MAC after the MAC tRCD and the MAC
     * gap, precharge after tRAS and tRTP), and once two rows in a row have the same shape the
     * schedule repeats with a fixed period, so all rows up to the next refresh are advanced in one
     * step. Only the last row of such a run is issued: the timing a sequence of identical all-bank
     * rows leaves is that of its last row.
     */
    private void rowsClosedForm(long rows, long fullCmds, long lastCmds, long start, long gbReady) {
        long fullEnd = lastCmds == fullCmds ? rows : rows - 1;
        long i = 0;
        while (i < rows) {
            long cmds = i == rows - 1 ? lastCmds : fullCmds;
            long act = Math.max(rowPre + rp, rowAct + rc);
            if (i == 0 || cmds != fullCmds || refreshDue <= act) {
                anchorRow(cmds, start, gbReady);
                i++;
                continue;
            }
            long first = Math.max(act + macRcd, rowLastMac + macGap);
            long last = first + (cmds - 1) * macGap;
            long pre = Math.max(act + ras, last + rtp);
            boolean periodic = last - act == rowLastMac - rowAct && pre - act == rowPre - rowAct;
            long period = act - rowAct;
            i++;
            long n = 0;
            if (periodic) {
                // rows i, i+1, ... start at act + period, act + 2 period, ... while no refresh is due
                n = Math.min(fullEnd - i, (refreshDue - act - 1) / period);
            }
            long shift = n * period;
            issueRow(act + shift, last + shift, pre + shift);
            countRows(1 + n, cmds);
            i += n;
        }
    }

    /** A row issued to the bank timing, its MAC train as first and last command. */
    private void anchorRow(long cmds, long start, long gbReady) {
        long act = activateCycle(start);
        issueAll(CommandType.ACTIVATE, act);
        long first = Math.max(Math.max(act + p.macRcdCycles(), gbReady),
                Math.max(lastMac + p.macIntervalCycles(), readyAll(CommandType.READ)));
        long last = first + (cmds - 1) * macGap;
        issueAll(CommandType.READ, first);
        issueAll(CommandType.READ, last);
        long pre = readyAll(CommandType.PRECHARGE);
        issueAll(CommandType.PRECHARGE, pre);
        setRow(act, last, pre);
        countRows(1, cmds);
    }

    /** Issues a row's activate, last MAC and precharge to the bank timing. */
    private void issueRow(long act, long last, long pre) {
        issueAll(CommandType.ACTIVATE, act);
        issueAll(CommandType.READ, last);
        issueAll(CommandType.PRECHARGE, pre);
        setRow(act, last, pre);
    }

    /** The row becomes the previous row. */
    private void setRow(long act, long last, long pre) {
        rowAct = act;
        rowLastMac = last;
        rowPre = pre;
        lastMac = last;
    }

    private void countRows(long rows, long cmdsPerRow) {
        allBankActivates += rows;
        macCommands += rows * cmdsPerRow;
    }

    /** The cycle of the next all-bank activate, after taking every refresh due by then. */
    private long activateCycle(long start) {
        long t = Math.max(start, readyAll(CommandType.ACTIVATE));
        while (refreshDue <= t) {
            refresh();
            t = Math.max(start, readyAll(CommandType.ACTIVATE));
        }
        return t;
    }

    // ---------------------------------------------------------------- bank timing of the closed form

    /** The commands a matrix op issues to every bank; the closed form tracks, per rank, when each may next issue. */
    private static final CommandType[] ALL_BANK = {CommandType.ACTIVATE, CommandType.READ, CommandType.PRECHARGE, CommandType.REFRESH};
    /**
     * Per rank and ALL_BANK command, the latest ready cycle over the rank's banks, as
     * {@link ChannelState#readyCycleAllBanks} would give it. During a closed-form matrix op this
     * stands in for the channel state: every command of the op (all-bank commands, rank refreshes)
     * delays the same commands in every bank of the rank by the same amount, so the maximum over
     * the banks follows from the maximum before, and a bank-by-bank update would only repeat it
     * 32 times. The op's last command of each kind goes to the channel state at its end (the later
     * of two equal commands dominates every constraint), for the STOREs and LOADs that use it.
     */
    private final long[][] ready;
    /** holds[i][j]: same-bank delay from ALL_BANK[i] (all-bank) or rank delay (refresh) to ALL_BANK[j], or Timing.NONE. */
    private final int[][] holds;
    /** While a closed-form matrix op runs: the bank timing is in {@link #ready}, not yet in the channel state. */
    private boolean banksLoaded;
    /** The last all-bank activate and precharge, and per rank the last refresh, not yet in the channel state (NEVER: none). */
    private long lastAct = NEVER, lastPre = NEVER;
    private final long[] lastRefresh;

    private void loadBanks() {
        for (int r = 0; r < c.ranks; r++) {
            for (int k = 0; k < ALL_BANK.length; k++) ready[r][k] = cs.readyCycleAllBanks(ALL_BANK[k], r);
        }
        banksLoaded = true;
    }

    /** Issues the op's last command of each kind to the channel state. */
    private void flushBanks() {
        banksLoaded = false;
        for (int r = 0; r < c.ranks; r++) {
            if (lastRefresh[r] != NEVER) cs.issue(CommandType.REFRESH, r, 0, 0, -1, lastRefresh[r]);
            lastRefresh[r] = NEVER;
        }
        if (lastAct == NEVER) return;
        issueAll(CommandType.ACTIVATE, lastAct);
        issueAll(CommandType.READ, lastMac);
        issueAll(CommandType.PRECHARGE, lastPre);
        lastAct = NEVER;
        lastPre = NEVER;
    }

    private long readyAll(CommandType type) {
        long t = 0;
        if (banksLoaded) {
            int k = slot(type);
            for (long[] rank : ready) t = Math.max(t, rank[k]);
        } else {
            for (int r = 0; r < c.ranks; r++) t = Math.max(t, cs.readyCycleAllBanks(type, r));
        }
        return t;
    }

    private void issueAll(CommandType type, long cycle) {
        if (!banksLoaded) {
            for (int r = 0; r < c.ranks; r++) cs.issueAllBanks(type, r, 0, cycle);
            return;
        }
        int k = slot(type);
        for (long[] rank : ready) hold(rank, k, cycle);
        if (type == CommandType.ACTIVATE) lastAct = cycle;
        else if (type == CommandType.PRECHARGE) lastPre = cycle;
    }

    private void hold(long[] rank, int issued, long cycle) {
        int[] h = holds[issued];
        for (int j = 0; j < h.length; j++) {
            if (h[j] != Timing.NONE) rank[j] = Math.max(rank[j], cycle + h[j]);
        }
    }

    private static int slot(CommandType type) {
        return switch (type) {
            case ACTIVATE -> 0;
            case READ -> 1;
            case PRECHARGE -> 2;
            case REFRESH -> 3;
            default -> throw new IllegalStateException(type + " is not an all-bank PIM command");
        };
    }

    // ---------------------------------------------------------------- refresh

    /** Issues the refresh due at {@code refreshDue} (all banks closed), in DramChannel's order of targets. */
    private void refresh() {
        switch (c.refreshPolicy) {
            case RANK_LEVEL_SIMULTANEOUS -> {
                for (int r = 0; r < c.ranks; r++) refreshRank(r);
            }
            case RANK_LEVEL_STAGGERED -> {
                refreshRank(refreshRank);
                refreshRank = (refreshRank + 1) % c.ranks;
            }
            case BANK_LEVEL_STAGGERED -> {
                // one bank's refresh holds its banks differently: the closed form hands over to the channel state
                boolean loaded = banksLoaded;
                if (loaded) flushBanks();
                long t = Math.max(refreshDue,
                        cs.readyCycle(CommandType.REFRESH_BANK, refreshRank, refreshBankgroup, refreshBank));
                cs.issue(CommandType.REFRESH_BANK, refreshRank, refreshBankgroup, refreshBank, -1, t);
                if (loaded) loadBanks();
                refreshes++;
                refreshBankgroup = (refreshBankgroup + 1) % c.bankgroups;
                if (refreshBankgroup == 0) {
                    refreshBank = (refreshBank + 1) % c.banksPerGroup;
                    if (refreshBank == 0) refreshRank = (refreshRank + 1) % c.ranks;
                }
            }
        }
        refreshDue += refreshInterval;
    }

    /**
     * Closed form of the refreshes that fell due by {@code until} while the channel idled, all
     * banks closed (rank refresh policies): when every rank may take a refresh by the first due
     * cycle and a refresh holds the next one to its rank for at most one turn of the rotation,
     * each issues exactly at its due cycle, and a later refresh to the same rank dominates every
     * constraint of an earlier one. So whole turns are counted without issuing them, leaving the
     * last turn (at least one refresh per rank) to {@link #refresh}.
     */
    private void skipIdleRefreshes(long until) {
        if (c.refreshPolicy == DramConfig.RefreshPolicy.BANK_LEVEL_STAGGERED || refreshDue > until) return;
        int turn = c.refreshPolicy == DramConfig.RefreshPolicy.RANK_LEVEL_STAGGERED ? c.ranks : 1;
        long skip = ((until - refreshDue) / refreshInterval + 1) / turn * turn - turn;
        int refreshToRefresh = holds[slot(CommandType.REFRESH)][slot(CommandType.REFRESH)];
        if (skip <= 0 || refreshToRefresh > turn * refreshInterval) return;
        for (int r = 0; r < c.ranks; r++) {
            if (cs.readyCycleAllBanks(CommandType.REFRESH, r) > refreshDue) return;
        }
        refreshDue += skip * refreshInterval;
        refreshes += skip * (c.ranks / turn);
    }

    private void refreshRank(int rank) {
        if (banksLoaded) {
            long t = Math.max(refreshDue, ready[rank][slot(CommandType.REFRESH)]);
            hold(ready[rank], slot(CommandType.REFRESH), t);
            lastRefresh[rank] = t;
        } else {
            cs.issue(CommandType.REFRESH, rank, 0, 0, -1, Math.max(refreshDue, cs.readyCycleAllBanks(CommandType.REFRESH, rank)));
        }
        refreshes++;
    }

    // ---------------------------------------------------------------- normal reads and writes

    /**
     * A STORE or LOAD of {@code bytes} through the normal path: bursts round-robin over the banks;
     * per round each bank involved opens one row, takes up to a row of bursts, and is precharged.
     * Returns the cycle the last burst has crossed the bus.
     */
    private long access(Compute op, long bytes, boolean write, long start) {
        long bursts = Clock.ceilDiv(bytes, burstBytes);
        if (write) writeBursts += bursts;
        else readBursts += bursts;
        CommandType col = write ? CommandType.WRITE : CommandType.READ;
        long perBank = Clock.ceilDiv(bursts, banksTotal);
        long rounds = Clock.ceilDiv(perBank, colsPerRow);
        // rounds in which every bank takes a full row of bursts: all alike
        long fullRounds = bursts / banksTotal / colsPerRow;
        int held = write ? writeRoundHolds : readRoundHolds;
        long end = start;
        for (long round = 0; round < rounds; round++) {
            // from the second round on, start and the state before the op no longer bind
            boolean probe = !p.commandLevel() && round >= 1 && round + 1 < fullRounds;
            long busReadBefore = busReadReady, busWriteBefore = busWriteReady, refreshesBefore = refreshes;
            if (probe) cs.saveTimes(savedBanks);
            int row = (int) (round % c.rows);
            // refreshes that fell due are taken while every bank is closed
            for (long until = Math.max(start, cs.readyCycle(CommandType.ACTIVATE, 0, 0, 0)); refreshDue <= until;
                    until = Math.max(start, cs.readyCycle(CommandType.ACTIVATE, 0, 0, 0))) {
                if (!p.commandLevel()) skipIdleRefreshes(until);
                refresh();
            }
            for (int b = 0; b < banksTotal; b++) {
                long inBank = bursts / banksTotal + (b < bursts % banksTotal ? 1 : 0);
                roundBursts[b] = Math.max(0, Math.min(colsPerRow, inBank - round * colsPerRow));
                if (roundBursts[b] == 0) continue;
                int rank = b / c.banks, bg = (b % c.banks) / c.banksPerGroup, bank = b % c.banksPerGroup;
                long t = Math.max(start, cs.readyCycle(CommandType.ACTIVATE, rank, bg, bank));
                cs.issue(CommandType.ACTIVATE, rank, bg, bank, row, t);
                bankActivates++;
            }
            for (int b = 0; b < banksTotal; b++) {
                if (roundBursts[b] > 0) end = Math.max(end, columnRun(b, roundBursts[b], col, row));
            }
            for (int b = 0; b < banksTotal; b++) {
                if (roundBursts[b] == 0) continue;
                int rank = b / c.banks, bg = (b % c.banks) / c.banksPerGroup, bank = b % c.banksPerGroup;
                cs.issue(CommandType.PRECHARGE, rank, bg, bank, row, cs.readyCycle(CommandType.PRECHARGE, rank, bg, bank));
            }
            if (probe && refreshes == refreshesBefore) {
                long period = busReadReady - busReadBefore;
                long n = busWriteReady - busWriteBefore == period ? roundRepeats(period, held, fullRounds - 1 - round) : 0;
                end += n * period;
                round += n;
            }
        }
        return end;
    }

    /**
     * After a full round without a refresh that left the bus exactly one period later than it
     * found it: if the round left every time of the channel state one period later too, the next
     * full rounds repeat it shifted by that period (each cycle of a round is a max of these times
     * plus fixed delays; from the second round on the op's start no longer binds) until a refresh
     * falls due before one of them starts. Advances up to {@code max} such rounds at once and
     * returns how many.
     */
    private long roundRepeats(long period, int held, long max) {
        if (period <= 0 || max <= 0 || !cs.isShiftOf(savedBanks, period, held)) return 0;
        // round j after this one looks for due refreshes at bank 0's activate ready cycle, ready + (j - 1) period
        long ready = cs.readyCycle(CommandType.ACTIVATE, 0, 0, 0);
        if (ready >= refreshDue) return 0;
        long n = Math.min(max, (refreshDue - 1 - ready) / period + 1);
        cs.repeat(savedBanks, period, held, n);
        busReadReady += n * period;
        busWriteReady += n * period;
        bankActivates += n * banksTotal;
        return n;
    }

    /**
     * {@code bursts} column commands {@code col} to open bank {@code b}, each at its bank's ready
     * cycle and the next bus slot; returns the cycle the last one's data has crossed the bus.
     * Closed form: after the first burst nothing but the bank's own column-to-column delay and the
     * bus spacing binds (every other constraint on the bank was met by the first, and only this
     * bank issues until the run ends), so the bursts follow at a fixed gap, and only the last is
     * issued: the later of two equal commands to a bank dominates every constraint it sets.
     */
    private long columnRun(int b, long bursts, CommandType col, int row) {
        int rank = b / c.banks, bg = (b % c.banks) / c.banksPerGroup, bank = b % c.banksPerGroup;
        boolean write = col == CommandType.WRITE;
        long t;
        if (p.commandLevel()) {
            t = NEVER;
            for (long k = 0; k < bursts; k++) {
                t = Math.max(cs.readyCycle(col, rank, bg, bank), write ? busWriteReady : busReadReady);
                cs.issue(col, rank, bg, bank, row, t);
                busAccess(write, t);
            }
        } else {
            long first = Math.max(cs.readyCycle(col, rank, bg, bank), write ? busWriteReady : busReadReady);
            t = first + (bursts - 1) * (write ? writeRunGap : readRunGap);
            cs.issue(col, rank, bg, bank, row, t);
            busAccess(write, t);
        }
        return t + (write ? c.writeDelay : c.readDelay);
    }

    /** The shared data bus after a normal column command at {@code t}. */
    private void busAccess(boolean write, long t) {
        if (write) {
            busWriteReady = t + busWriteToWrite;
            busReadReady = Math.max(busReadReady, t + busWriteToRead);
        } else {
            busReadReady = t + busReadToRead;
            busWriteReady = Math.max(busWriteReady, t + busReadToWrite);
        }
    }

    /**
     * The timing state the next op starts from (for tests comparing the two paths): every bank's
     * ready cycles and the activate windows ({@link ChannelState#saveTimes} without the ranks'
     * active time, which the closed form of a matrix op does not follow and nothing here reads),
     * the bus, the last MAC and the refresh schedule.
     */
    long[] timingState() {
        long[] times = new long[cs.timesSize()];
        cs.saveTimes(times);
        int timing = times.length - ChannelState.ACTIVE_TIMES * c.ranks;
        long[] own = {busReadReady, busWriteReady, lastMac, refreshDue, refreshRank, refreshBankgroup, refreshBank};
        long[] s = Arrays.copyOf(times, timing + own.length);
        System.arraycopy(own, 0, s, timing, own.length);
        return s;
    }

    // ---------------------------------------------------------------- energy

    /** Energy so far by category, pJ (as reported). */
    public Map<String, Double> energyPj() {
        double burstBits = burstBytes * 8.0;
        double ioPath = p.pjPerBitBankGroupMuxToGlobalIo() + p.pjPerBitTsv();
        double accessBits = (writeBursts + readBursts) * burstBits;
        return Map.of(
                "dram_activate", (allBankActivates * banksTotal + bankActivates) * rowBits * p.pjPerBitCellActPre(),
                "dram_column", (macCommands * banksTotal * burstBits + accessBits) * p.pjPerBitCellRdWr(),
                "dram_io", bufferBursts * burstBits * ioPath
                        + (readoutBursts * burstBits + accessBits) * (p.pjPerBitBankToBankGroupMux() + ioPath),
                "pim_mac", (double) macCommands * banksTotal * p.macLanesPerBank() * p.pjPerMac());
    }

    @Override
    protected void reportModel(Stats stats) {
        stats.count("macs", macs).count("mac_commands", macCommands).count("lane_macs", macCommands * banksTotal * p.macLanesPerBank())
                .count("all_bank_activates", allBankActivates).count("bank_activates", bankActivates)
                .count("refreshes", refreshes).count("buffer_bytes", bufferBursts * burstBytes)
                .count("readout_bytes", readoutBursts * burstBytes).count("written_bytes", writeBursts * burstBytes)
                .count("read_bytes", readBursts * burstBytes);
        new TreeMap<>(energyPj()).forEach(stats::energy);
        double perRefresh = c.refreshPolicy == DramConfig.RefreshPolicy.BANK_LEVEL_STAGGERED ? c.refbEnergyInc : c.refEnergyInc;
        stats.energy("refresh", refreshes * perRefresh * c.tCkNs);
    }
}
