package org.dramatis.components.pim;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dramatis.components.ops.Clock;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpUnit;
import org.dramatis.dram.ChannelState;
import org.dramatis.dram.CommandType;
import org.dramatis.dram.DramConfig;
import org.dramatis.dram.RefreshSchedule;
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
 * <p>Parts: {@link MacPassSequencer} sequences the matrix ops, {@link BankRoundTimer} times the
 * STOREs and LOADs, both over the banks' all-bank timing and refreshes ({@link RankTiming},
 * refreshes falling due as the {@link RefreshSchedule} shared with DRAM channels says) and the
 * shared {@link DataBus}; this class dispatches ops and reports counts and energy.
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
            return (double) c.banksPerChannel() * c.requestBytes / (macCycles(c) * c.tCkNs * 1e-9);
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
            return (double) c.banksPerChannel() * macLanesPerBank / (macCycles(c) * c.tCkNs * 1e-9);
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
            long banks = c.banksPerChannel();
            return Map.of("bank", banks, "pim_unit", banks);
        }

        @Override
        public void validate() {
            if (dramConfig == null || dramConfig.isBlank()) throw new IllegalArgumentException("dram_config: a DRAM config name or .ini / .yaml path is required");
            Bounds.check(this);
        }
    }

    /** The classes of this channel's private state, for Kryo (checkpoints). */
    public static List<Class<?>> wireTypes() {
        return List.of(PimChannel.class, MacPassSequencer.class, BankRoundTimer.class, RankTiming.class, DataBus.class);
    }

    /** Earlier than any cycle, with room for additions. */
    static final long NEVER = Long.MIN_VALUE / 4;

    private final Params p;
    private final DramConfig c;
    private final ChannelState cs;
    private final long tCkPs;
    private final int banksTotal;
    private final long burstBytes;
    private final long rowBits;
    private final DataBus bus;
    private final RefreshSchedule refresh;
    private final RankTiming banks;
    private final MacPassSequencer matrixOps;
    private final BankRoundTimer accesses;

    public PimChannel(Params p) {
        p.validate();
        this.p = p;
        this.c = p.config();
        Timing t = new Timing(c);
        this.cs = new ChannelState(c, t);
        tCkPs = c.tCkPs();
        banksTotal = c.banksPerChannel();
        burstBytes = c.requestBytes;
        rowBits = (long) c.burstsPerRow() * burstBytes * 8;
        bus = new DataBus(t);
        if (t.sameBankDelay(CommandType.ACTIVATE, CommandType.ACTIVATE) < 1 || bus.spacing(false) < 1 || bus.spacing(true) < 1) {
            throw new IllegalArgumentException(c.source + ": tRC and the burst spacing must be >= 1 cycle for a PIM channel");
        }
        refresh = new RefreshSchedule(c);
        banks = new RankTiming(cs, t, c.ranks);
        matrixOps = new MacPassSequencer(p, c, t, banks, bus, refresh);
        accesses = new BankRoundTimer(p.commandLevel(), c, t, cs, banks, bus, refresh);
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
            case GEMV, GEMM -> matrixOps.matrix(op, start);
            case STORE -> accesses.access(op.inBytes(), true, start);
            case LOAD -> accesses.access(op.outBytes(), false, start);
            default -> throw new IllegalArgumentException("op " + op.opId() + ": " + op.cls()
                    + " is an element-wise op; a pim_channel runs GEMV, GEMM, STORE and LOAD (element-wise ops run on vector units)");
        };
        return Math.max(end, start) * tCkPs;
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
        long[] schedule = refresh.state();
        long[] own = {bus.ready(false), bus.ready(true), matrixOps.lastMac(), schedule[0], schedule[1], schedule[2], schedule[3]};
        long[] s = Arrays.copyOf(times, timing + own.length);
        System.arraycopy(own, 0, s, timing, own.length);
        return s;
    }

    // ---------------------------------------------------------------- energy

    /** Energy so far by category, pJ (as reported). */
    public Map<String, Double> energyPj() {
        double burstBits = burstBytes * 8.0;
        double ioPath = p.pjPerBitBankGroupMuxToGlobalIo() + p.pjPerBitTsv();
        MacPassSequencer m = matrixOps;
        BankRoundTimer a = accesses;
        double accessBits = (a.writeBursts + a.readBursts) * burstBits;
        return Map.of(
                "dram_activate", (m.allBankActivates * banksTotal + a.bankActivates) * rowBits * p.pjPerBitCellActPre(),
                "dram_column", (m.macCommands * banksTotal * burstBits + accessBits) * p.pjPerBitCellRdWr(),
                "dram_io", m.bufferBursts * burstBits * ioPath
                        + (m.readoutBursts * burstBits + accessBits) * (p.pjPerBitBankToBankGroupMux() + ioPath),
                "pim_mac", (double) m.macCommands * banksTotal * p.macLanesPerBank() * p.pjPerMac());
    }

    @Override
    protected void reportModel(Stats stats) {
        MacPassSequencer m = matrixOps;
        BankRoundTimer a = accesses;
        stats.count("macs", m.macs).count("mac_commands", m.macCommands).count("lane_macs", m.macCommands * banksTotal * p.macLanesPerBank())
                .count("all_bank_activates", m.allBankActivates).count("bank_activates", a.bankActivates)
                .count("refreshes", banks.refreshes()).count("buffer_bytes", m.bufferBursts * burstBytes)
                .count("readout_bytes", m.readoutBursts * burstBytes).count("written_bytes", a.writeBursts * burstBytes)
                .count("read_bytes", a.readBursts * burstBytes);
        new TreeMap<>(energyPj()).forEach(stats::energy);
        double perRefresh = refresh.perBank() ? c.refbEnergyInc : c.refEnergyInc;
        stats.energy("refresh", banks.refreshes() * perRefresh * c.tCkNs);
    }
}
