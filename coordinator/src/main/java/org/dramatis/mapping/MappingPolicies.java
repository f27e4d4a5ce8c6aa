package org.dramatis.mapping;

import static org.dramatis.mapping.MappingPolicy.AttentionLayout.HEAD_PINNED;
import static org.dramatis.mapping.MappingPolicy.AttentionLayout.TOKEN_SPLIT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dramatis.common.UserError;
import org.dramatis.components.Role;
import org.dramatis.topology.Names;
import org.dramatis.workload.OperatorClass;
import org.dramatis.workload.Phase;

/** The mapping policies, by name. */
public final class MappingPolicies {

    private static final Map<String, MappingPolicy> POLICIES = new LinkedHashMap<>();

    static {
        register(new Table("halo", "prefill GEMMs (and prompt attention) on CiM, decode GEMVs and attention on CiD,"
                + " vector ops on the logic die", Role.CIM, Role.CIM, Role.CID, Role.CID, Role.VECTOR, TOKEN_SPLIT, false));
        register(new Table("cid-only", "everything on CiD; the prompt processed token by token like decode (CENT)",
                Role.CID, Role.CID, Role.CID, Role.CID, Role.VECTOR, TOKEN_SPLIT, false, true));
        register(new Table("cim-only", "everything on CiM tiles; weights and KV streamed into the arrays as needed",
                Role.CIM, Role.CIM, Role.CIM, Role.CIM, Role.VECTOR, TOKEN_SPLIT, false));
        register(new Table("attacc", "decode attention on CiD; FC layers and prefill on the host compute (GPU or CiM)",
                Role.HOST, Role.HOST, Role.HOST, Role.CID, Role.VECTOR, TOKEN_SPLIT, false));
        register(new Table("gpu", "everything on the GPU device",
                Role.GPU, Role.GPU, Role.GPU, Role.GPU, Role.GPU, TOKEN_SPLIT, false));
        register(new Table("hb-head-parallel", "hybrid-bonded units; each KV head pinned to one unit (baseline HB)",
                Role.CID, Role.CID, Role.CID, Role.CID, Role.VECTOR, HEAD_PINNED, false));
        register(new Table("h2eal", "hybrid-bonded units; a head's pages interleaved over units, tiled attention"
                + " balanced and merged", Role.CID, Role.CID, Role.CID, Role.CID, Role.VECTOR, TOKEN_SPLIT, false));
        // HPIM evaluates decode; its prefill weight GEMMs stay on HBM-PIM here (assumption), weights never move
        register(new Table("hpim", "weight GEMVs (and prefill GEMMs) on HBM-PIM; attention and vector ops on SRAM-PIM;"
                + " overlapped inside a token", Role.CID, Role.SRAM_PIM, Role.CID, Role.SRAM_PIM, Role.SRAM_PIM,
                TOKEN_SPLIT, false));
        register(new Table("hpim-serial", "hpim without the intra-token pipeline: every operator waits for the one"
                + " before", Role.CID, Role.SRAM_PIM, Role.CID, Role.SRAM_PIM, Role.SRAM_PIM, TOKEN_SPLIT, true));
    }

    private MappingPolicies() {}

    private static void register(MappingPolicy p) {
        POLICIES.put(p.name(), p);
    }

    /**
     * The policy a mapping spec names: a policy's name, optionally followed by its split over the
     * machine's devices, {@code cid-only,tp=2,pp=4} ({@link Parallelism}).
     */
    public static MappingPolicy get(String spec) {
        String[] parts = spec.split(",", -1);
        String name = parts[0].strip();
        MappingPolicy p = POLICIES.get(name);
        if (p == null) {
            throw new UserError("unknown mapping '" + name + "'" + Names.suggest(name, POLICIES.keySet())
                    + "; mappings: " + String.join(", ", POLICIES.keySet()));
        }
        if (parts.length == 1) return p;
        int tp = 0;
        int pp = 0;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].strip().split("=", 2);
            int v = kv.length == 2 && kv[1].strip().matches("[1-9][0-9]{0,5}") ? Integer.parseInt(kv[1].strip()) : -1;
            String key = kv[0].strip();
            if (!key.equals("tp") && !key.equals("pp") || v < 0) {
                throw new UserError("mapping '" + spec + "': '" + parts[i].strip() + "' is not an option; options: tp=N"
                        + " (devices per pipeline stage), pp=N (pipeline stages), N >= 1");
            }
            if ((key.equals("tp") ? tp : pp) != 0) {
                throw new UserError("mapping '" + spec + "': " + key + " is given twice");
            }
            if (key.equals("tp")) tp = v;
            else pp = v;
        }
        return new Split(p, new Parallelism(tp, pp));
    }

    public static List<MappingPolicy> all() {
        return List.copyOf(POLICIES.values());
    }

    /** A policy with its layers spread over the machine's devices in a given way. */
    record Split(MappingPolicy base, Parallelism parallelism) implements MappingPolicy {

        @Override
        public String name() {
            return base.name() + parallelism.suffix();
        }

        @Override
        public String description() {
            return base.description();
        }

        @Override
        public Role role(OperatorClass cls, Phase phase) {
            return base.role(cls, phase);
        }

        @Override
        public AttentionLayout attentionLayout() {
            return base.attentionLayout();
        }

        @Override
        public boolean prefillTokenByToken() {
            return base.prefillTokenByToken();
        }

        @Override
        public boolean serial() {
            return base.serial();
        }
    }

    /**
     * A policy given by a table: the role of matrix ops and of attention in each phase, and of
     * vector ops. KV-cache appends go where decode attention reads the cache.
     */
    record Table(String name, String description, Role prefillMatmul, Role prefillAttention, Role decodeMatmul,
                 Role decodeAttention, Role vector, AttentionLayout attentionLayout, boolean serial,
                 boolean prefillTokenByToken) implements MappingPolicy {

        Table(String name, String description, Role prefillMatmul, Role prefillAttention, Role decodeMatmul,
              Role decodeAttention, Role vector, AttentionLayout attentionLayout, boolean serial) {
            this(name, description, prefillMatmul, prefillAttention, decodeMatmul, decodeAttention, vector,
                    attentionLayout, serial, false);
        }

        @Override
        public Role role(OperatorClass cls, Phase phase) {
            boolean prefill = phase == Phase.PREFILL;
            return switch (Category.of(cls)) {
                case MATMUL -> prefill ? prefillMatmul : decodeMatmul;
                case ATTENTION -> prefill ? prefillAttention : decodeAttention;
                case KV_STORE -> decodeAttention;
                case VECTOR -> vector;
            };
        }
    }
}
