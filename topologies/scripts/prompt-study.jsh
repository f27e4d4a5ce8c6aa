// A parameter study: TTFT and TPOT of OPT-350m on the A100 and H100 rooflines as the prompt
// grows, drawn to prompt-study.png / .svg. Run with: ./dramatis script topologies/scripts/prompt-study.jsh

var prompts = new double[] {32, 128, 512};
var plot = Dramatis.plot("OPT-350m: time to first token", "prompt (tokens)", "TTFT (ms)");
for (String gpu : new String[] {"a100", "h100"}) {
    var t = Dramatis.load(gpu);
    var ttft = new double[prompts.length];
    for (int i = 0; i < prompts.length; i++) {
        var r = Dramatis.on(t).model("opt-350m").prompt((long) prompts[i]).generate(2).run();
        ttft[i] = r.ttftMs();
        System.out.printf("%s prompt %4d: TTFT %.3f ms, TPOT %.3f ms%n", gpu, (long) prompts[i], r.ttftMs(), r.tpotMs());
    }
    plot.series(gpu, prompts, ttft);
}
String out = System.getProperty("dramatis.out", ".");
System.out.println("plot: " + plot.save(out + "/prompt-study"));
