package org.dramatis.dram;

/**
 * The per-bank (or per-rank) command queues of one channel and their FR-FCFS pick (DRAMsim3
 * command_queue.cc): queues are visited round robin starting after the one that issued last;
 * within a queue the first command whose next step is ready issues, so a row hit that is ready
 * overtakes an older command that still needs a precharge or activate.
 */
final class CommandQueue {

    private final DramConfig c;
    private final ChannelState state;
    private final Command[][] queues;
    /** The queued commands' rows, in queue order (a per-bank queue's pick mostly compares rows). */
    private final int[][] rows;
    private final int[] sizes;
    private final boolean[] refreshing;
    /**
     * Per queue, a cycle before which none of its commands can be picked: bank timing only ever
     * moves later, and what blocks a timing-ready command (queue order, precharge arbitration,
     * write-after-read) changes only when the queue or its bank changes, which resets the bound.
     */
    private final long[] notBefore;
    private int total;
    private int queueIdx;
    private boolean inRefresh;

    /** Result of a pick: the command type to issue and the queued command it serves. */
    CommandType pickedType;
    Command picked;

    CommandQueue(DramConfig c, ChannelState state) {
        this.c = c;
        this.state = state;
        int n = c.perBankQueues ? c.banks * c.ranks : c.ranks;
        queues = new Command[n][c.cmdQueueSize];
        rows = new int[n][c.cmdQueueSize];
        sizes = new int[n];
        refreshing = new boolean[n];
        notBefore = new long[n];
    }

    int queueIndex(Command cmd) {
        return c.perBankQueues ? cmd.rank * c.banks + cmd.bankgroup * c.banksPerGroup + cmd.bank : cmd.rank;
    }

    /** Whether command queue {@code q} (see {@link #queueIndex}) has room for another command. */
    boolean hasRoom(int q) {
        return sizes[q] < c.cmdQueueSize;
    }

    void add(Command cmd) {
        int q = queueIndex(cmd);
        rows[q][sizes[q]] = cmd.row;
        queues[q][sizes[q]++] = cmd;
        notBefore[q] = 0;
        total++;
    }

    /** A command went to this bank: its queue's bound no longer holds. */
    void bankChanged(int rank, int bankgroup, int bank) {
        notBefore[c.perBankQueues ? rank * c.banks + bankgroup * c.banksPerGroup + bank : rank] = 0;
    }

    boolean isEmpty() {
        return total == 0;
    }

    int size() {
        return total;
    }

    /**
     * Picks the next command to issue at {@code clk} into {@link #pickedType}/{@link #picked}.
     * A read/write pick leaves its queue, but only if {@code readWriteAllowed}: the second
     * command of an HBM dual issue must be of the other kind (DRAMsim3 would drop it silently).
     */
    boolean pick(long clk, boolean readWriteAllowed) {
        int n = queues.length;
        for (int i = 0; i < n; i++) {
            queueIdx = queueIdx + 1 == n ? 0 : queueIdx + 1;
            if (inRefresh && refreshing[queueIdx]) continue;
            if (clk < notBefore[queueIdx]) continue;
            if (firstReady(queueIdx, clk)) {
                if (pickedType.isReadWrite()) {
                    if (!readWriteAllowed) return false;
                    erase(queueIdx, picked);
                }
                return true;
            }
        }
        return false;
    }

    private boolean firstReady(int q, long clk) {
        if (c.perBankQueues) return firstReadyInBank(q, clk);
        Command[] queue = queues[q];
        int size = sizes[q];
        long bound = Long.MAX_VALUE;
        for (int k = 0; k < size; k++) {
            Command cmd = queue[k];
            BankState b = state.bank(cmd.bankIndex);
            CommandType req = b.required(cmd.type, cmd.row);
            long ready = state.ready(cmd.bankIndex, req.ordinal());
            if (req == CommandType.ACTIVATE) ready = Math.max(ready, state.activateWindowReady(cmd.rank));
            if (clk < ready) {
                if (ready < bound) bound = ready;
                continue;
            }
            if (req == CommandType.PRECHARGE) {
                if (!arbitratePrecharge(queue, size, k, b)) continue;
            } else if (req.isWrite() && hasReadBeforeWrite(queue, k)) {
                continue;
            }
            pickedType = req;
            picked = cmd;
            return true;
        }
        notBefore[q] = bound;
        return false;
    }

    /**
     * {@link #firstReady} for a per-bank queue, where every command is for bank {@code q}: if the
     * bank is closed every command needs the same activate, so the head decides; if it is open,
     * a command for another row needs a precharge, which only the head may take (behind the head
     * a precharge always loses arbitration: an older command waits on the bank).
     */
    private boolean firstReadyInBank(int q, long clk) {
        int size = sizes[q];
        if (size == 0) {
            notBefore[q] = Long.MAX_VALUE;
            return false;
        }
        BankState b = state.bank(q);
        Command[] queue = queues[q];
        if (!b.open) {
            long ready = Math.max(state.ready(q, CommandType.ACTIVATE.ordinal()), state.activateWindowReady(queue[0].rank));
            if (clk < ready) {
                notBefore[q] = ready;
                return false;
            }
            pickedType = CommandType.ACTIVATE;
            picked = queue[0];
            return true;
        }
        int[] row = rows[q];
        long bound = Long.MAX_VALUE;
        for (int k = 0; k < size; k++) {
            if (row[k] != b.openRow) {
                if (k > 0) continue;
                // the precharge waits for the row hits behind it unless the row has served 4
                if (b.rowHits < 4 && hasRow(row, size, b.openRow)) continue;
                long ready = state.ready(q, CommandType.PRECHARGE.ordinal());
                if (clk < ready) {
                    bound = ready;
                    continue;
                }
                pickedType = CommandType.PRECHARGE;
                picked = queue[0];
                return true;
            }
            Command cmd = queue[k];
            long ready = state.ready(q, cmd.type.ordinal());
            if (clk < ready) {
                if (ready < bound) bound = ready;
                continue;
            }
            if (cmd.type.isWrite() && hasReadBeforeWrite(queue, k)) continue;
            pickedType = cmd.type;
            picked = cmd;
            return true;
        }
        notBefore[q] = bound;
        return false;
    }

    private static boolean hasRow(int[] rows, int size, int row) {
        for (int k = 0; k < size; k++) {
            if (rows[k] == row) return true;
        }
        return false;
    }

    /**
     * A precharge may close the row only if no older command waits on this bank, and either no
     * queued command still hits the open row or the row has already served 4 hits (DRAMsim3's cap).
     */
    private boolean arbitratePrecharge(Command[] queue, int size, int k, BankState b) {
        Command cmd = queue[k];
        for (int p = 0; p < k; p++) {
            Command o = queue[p];
            if (o.rank == cmd.rank && o.bankgroup == cmd.bankgroup && o.bank == cmd.bank) return false;
        }
        boolean pendingRowHits = false;
        for (int p = k; p < size; p++) {
            Command o = queue[p];
            if (o.row == b.openRow && o.bank == cmd.bank && o.bankgroup == cmd.bankgroup && o.rank == cmd.rank) {
                pendingRowHits = true;
                break;
            }
        }
        return !pendingRowHits || b.rowHits >= 4;
    }

    /** A write may not pass an older read of the same location (write-after-read). */
    private static boolean hasReadBeforeWrite(Command[] queue, int k) {
        Command w = queue[k];
        for (int p = 0; p < k; p++) {
            Command o = queue[p];
            if (o.type.isRead() && o.row == w.row && o.column == w.column && o.bank == w.bank
                    && o.bankgroup == w.bankgroup) {
                return true;
            }
        }
        return false;
    }

    private void erase(int q, Command cmd) {
        Command[] queue = queues[q];
        int size = sizes[q];
        for (int k = 0; k < size; k++) {
            if (queue[k] == cmd) {
                System.arraycopy(queue, k + 1, queue, k, size - k - 1);
                System.arraycopy(rows[q], k + 1, rows[q], k, size - k - 1);
                queue[--sizes[q]] = null;
                total--;
                return;
            }
        }
        throw new IllegalStateException("command not in its queue: " + cmd);
    }

    /**
     * Works towards the oldest pending refresh (DRAMsim3's FinishRefresh): while it waits, the
     * queues of the banks it covers are skipped; sets {@link #pickedType} to a precharge of an open
     * bank, or to the refresh once every bank is ready. The bank is returned through {@code bankOut}.
     */
    boolean pickRefresh(long clk, Command ref, int[] bankOut) {
        if (!inRefresh) {
            if (ref.type == CommandType.REFRESH) {
                for (int q = 0; q < queues.length; q++) {
                    refreshing[q] = c.perBankQueues ? q / c.banks == ref.rank : q == ref.rank;
                }
            } else {
                java.util.Arrays.fill(refreshing, false);
                refreshing[queueIndex(ref)] = true;
            }
            inRefresh = true;
        }
        CommandType ready = null;
        if (ref.type == CommandType.REFRESH) {
            int numReady = 0;
            outer:
            for (int g = 0; g < c.bankgroups; g++) {
                for (int k = 0; k < c.banksPerGroup; k++) {
                    int idx = state.bankIndex(ref.rank, g, k);
                    CommandType req = state.bank(idx).open ? CommandType.PRECHARGE : CommandType.REFRESH;
                    if (clk < state.ready(idx, req.ordinal())) continue;
                    if (req == CommandType.PRECHARGE) {
                        ready = req;
                        bankOut[0] = g;
                        bankOut[1] = k;
                        break outer;
                    }
                    numReady++;
                }
            }
            if (ready == null && numReady == c.banks) ready = CommandType.REFRESH;
        } else {
            int idx = state.bankIndex(ref.rank, ref.bankgroup, ref.bank);
            CommandType req = state.bank(idx).open ? CommandType.PRECHARGE : CommandType.REFRESH_BANK;
            if (clk >= state.ready(idx, req.ordinal())) {
                ready = req;
                bankOut[0] = ref.bankgroup;
                bankOut[1] = ref.bank;
            }
        }
        if (ready == null) return false;
        if (ready.isRefresh()) inRefresh = false;
        pickedType = ready;
        return true;
    }

    /** Whether a refresh is under way (its banks' queues are held). */
    boolean isRefreshing() {
        return inRefresh;
    }

    /**
     * A cycle before which {@link #pickRefresh} cannot pick anything for {@code ref}: the first
     * precharge of one of its open banks, or once all are closed, the refresh itself. Bank timing
     * only moves later, so this stays a lower bound until the refresh's banks change.
     */
    long nextRefreshCycle(Command ref) {
        if (ref.type == CommandType.REFRESH) {
            long precharge = Long.MAX_VALUE;
            long refresh = 0;
            for (int idx = ref.rank * c.banks; idx < (ref.rank + 1) * c.banks; idx++) {
                if (state.bank(idx).open) precharge = Math.min(precharge, state.ready(idx, CommandType.PRECHARGE.ordinal()));
                else refresh = Math.max(refresh, state.ready(idx, CommandType.REFRESH.ordinal()));
            }
            return precharge != Long.MAX_VALUE ? precharge : refresh;
        }
        int idx = state.bankIndex(ref.rank, ref.bankgroup, ref.bank);
        CommandType req = state.bank(idx).open ? CommandType.PRECHARGE : CommandType.REFRESH_BANK;
        return state.ready(idx, req.ordinal());
    }

    /**
     * Earliest cycle after {@code now} at which a pick could find a command, or
     * {@link Long#MAX_VALUE}. Candidate: the smallest per-queue bound (at least {@code now + 1});
     * the queues bounded there are evaluated at it, and if none can pick then, their bounds have
     * grown (a command issued since they were set may have delayed them) and the next candidate
     * is tried. Every bound is a cycle before which its queue cannot pick, so the first candidate
     * at which a queue can pick is the answer. Evaluating a queue only tightens its bound, so this
     * has no other effect on later picks.
     */
    long nextPickCycle(long now) {
        long at = now + 1;
        while (true) {
            long best = Long.MAX_VALUE;
            for (int q = 0; q < queues.length; q++) {
                if (sizes[q] == 0 || (inRefresh && refreshing[q])) continue;
                if (notBefore[q] <= at && firstReady(q, at)) return at;
                if (notBefore[q] < best) best = notBefore[q];
            }
            if (best == Long.MAX_VALUE) return best;
            at = best;
        }
    }
}
