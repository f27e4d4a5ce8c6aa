// A custom topology built in code and run: a small GPU-like roofline device behind a host
// controller. Run with: ./dramatis script topologies/scripts/custom-topology.jsh
// The builder writes topology-file YAML and loads it, so every check of a file applies.

var edgeGpu = Dramatis.topology("edge-gpu")
    .description("an edge GPU as a per-kernel roofline (every number an assumption for this example)")
    .mapping("gpu")
    .component("host", "controller")
        .param("sram_bytes", 17179869184L, "assumption: the 16 GiB device memory holds every activation")
    .component("gpu", "gpu")
        .param("peak_flops", 100.0e12, "assumption: 100 TFLOP/s FP16, a mid-range part")
        .param("compute_cap", 0.8, "assumption: the A100 cap of the AttAcc simulator")
        .param("bytes_per_second", 400.0e9, "assumption: 400 GB/s of GDDR6")
        .param("bandwidth_cap", 0.85, "assumption: the A100 cap of the AttAcc simulator")
        .param("launch_overhead_ps", 4000000L, "assumption: 4 us per kernel launch, as in a100.yaml")
        .param("memory_bytes", 17179869184L, "assumption: 16 GiB")
        .param("pj_per_flop", 1.0, "assumption: 1 pJ per FP16 FLOP")
        .param("pj_per_byte", 56.0, "assumption: GDDR6 about 7 pJ/bit")
        .param("idle_power_w", 15.0, "assumption: 15 W idle for a mid-range board")
    .link("command", "host.gpu", "gpu.host")
        .latencyPs(1000, "assumption: the command path inside the device")
        .bandwidthGbps(1.0e9, "assumption: no data crosses it, so it must not throttle")
        .energyPjPerBit(0, "assumption: data movement is charged by the GPU's pj_per_byte");

System.out.println(edgeGpu.yaml());
var t = edgeGpu.build();
var r = Dramatis.on(t).model("opt-350m").prompt(32).generate(4).run();
System.out.println(r);
var a100 = Dramatis.run("a100", "opt-350m", 32, 4);
System.out.println(a100);
System.out.printf("A100 over the edge GPU: TPOT %.2fx%n", r.tpotMs() / a100.tpotMs());
