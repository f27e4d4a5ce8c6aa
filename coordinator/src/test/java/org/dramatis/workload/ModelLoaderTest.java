package org.dramatis.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dramatis.common.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelLoaderTest {

    @TempDir
    Path dir;

    @Test
    void llama2SevenBFromTheClassPath() {
        ModelConfig m = ModelLoader.load("llama-2-7b");
        assertEquals("llama-2-7b", m.name());
        assertEquals(ModelFamily.LLAMA, m.family());
        assertEquals(4096, m.hiddenSize());
        assertEquals(32, m.layers());
        assertEquals(32, m.heads());
        assertEquals(32, m.kvHeads());
        assertEquals(128, m.headDim());
        assertEquals(11008, m.intermediateSize());
        assertEquals(32000, m.vocabSize());
        assertEquals(4096, m.maxPositions());
        assertEquals(ModelConfig.Activation.SWIGLU, m.activation());
        assertEquals(ModelConfig.NormKind.RMS_NORM, m.norm());
        assertEquals(ModelConfig.Positional.ROPE, m.positional());
        assertFalse(m.tiedEmbeddings());
        assertFalse(m.isGqa());
        // embedding 32000*4096 = 131,072,000, LM head the same;
        // per layer 4*4096^2 = 67,108,864 + 3*4096*11008 = 135,266,304 + two norms 8,192 = 202,383,360;
        // 32 layers = 6,476,267,520; + final norm 4,096 + 2*131,072,000 = 6,738,415,616 (~6.74e9)
        assertEquals(6_738_415_616L, m.parameterCount());
    }

    @Test
    void qwen3HasExplicitHeadDimGqaAndQkNorm() {
        ModelConfig m = ModelLoader.load("qwen3-8b");
        assertEquals(ModelFamily.QWEN3, m.family());
        assertEquals(128, m.headDim());
        assertEquals(8, m.kvHeads());
        assertEquals(4, m.queriesPerKvHead());
        assertTrue(m.qkNorm());
        // per layer: q,o 2*4096*4096 + k,v 2*4096*1024 = 41,943,040; FFN 3*4096*12288 = 150,994,944;
        // norms 2*4096 + q/k norm 2*128 = 8,448 -> 192,946,432; *36 = 6,946,071,552;
        // + final norm 4,096 + embedding and LM head 2*151936*4096 = 1,244,659,712 -> 8,190,735,360
        assertEquals(8_190_735_360L, m.parameterCount());
    }

    @Test
    void optUsesReluLayerNormLearnedPositionsAndTiedHead() {
        ModelConfig m = ModelLoader.load("opt-6.7b");
        assertEquals(ModelFamily.OPT, m.family());
        assertEquals(ModelConfig.Activation.RELU, m.activation());
        assertEquals(ModelConfig.NormKind.LAYER_NORM, m.norm());
        assertEquals(ModelConfig.Positional.LEARNED, m.positional());
        assertTrue(m.tiedEmbeddings());
        assertEquals(32, m.kvHeads());
        assertEquals(128, m.headDim());
        assertEquals(16384, m.intermediateSize());
        // embedding 50272*4096 = 205,914,112; positions (2048+2)*4096 = 8,396,800;
        // per layer 4*4096^2 + 4*4096 biases + 2*4096*16384 + 16384+4096 biases + 2 LayerNorms 4*4096
        //   = 201,379,840; *32 = 6,444,154,880; final LayerNorm 8,192; tied head -> 6,658,473,984
        assertEquals(6_658_473_984L, m.parameterCount());
    }

    @Test
    void opt350mProjectsItsEmbeddingAndIsPostNorm() {
        ModelConfig m = ModelLoader.load("opt-350m");
        assertEquals(512, m.embeddingDim());
        assertFalse(m.preNorm());
        assertFalse(m.finalNorm());
        // embedding 50272*512 = 25,739,264; positions 2050*1024 = 2,099,200; project in/out 2*1024*512 = 1,048,576;
        // per layer 4*1024^2 + 4,096 + 2*1024*4096 + 5,120 + 4,096 = 12,596,224; *24 = 302,309,376 -> 331,196,416
        assertEquals(331_196_416L, m.parameterCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-2-7b", "llama-3-8b", "llama-3.1-8b", "mistral-7b-v0.2", "qwen3-8b", "opt-350m",
        "opt-1.3b", "opt-2.7b", "opt-6.7b", "opt-13b", "opt-30b"})
    void everyShippedModelLoads(String name) {
        ModelConfig m = ModelLoader.load(name);
        assertEquals(name, m.name());
        assertEquals(m.heads(), m.kvHeads() * m.queriesPerKvHead());
    }

    @Test
    void aPathLoadsThatFile() throws IOException {
        Path f = write("tiny.json", """
                {"model_type": "llama", "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
                 "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 100,
                 "max_position_embeddings": 256, "hidden_act": "silu"}""");
        ModelConfig m = ModelLoader.load(f.toString());
        assertEquals("tiny", m.name());
        assertEquals(16, m.headDim()); // no head_dim: hidden / heads
        assertEquals(2, m.kvHeads());
    }

    @Test
    void unknownArchitectureNamesFileAndKey() throws IOException {
        Path f = write("gpt2.json", "{\"architectures\": [\"GPT2LMHeadModel\"], \"n_embd\": 768}");
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelLoader.load(f.toString()));
        assertOneLine(e, f + ":1: key 'architectures': unknown architecture 'GPT2LMHeadModel'");
        assertInstanceOf(UserError.class, e); // the CLI maps UserError to exit code 2
    }

    @Test
    void missingKeyNamesFileAndKey() throws IOException {
        String text = Files.readString(Path.of("../topologies/models/llama-2-7b.json"))
                .replace("\"intermediate_size\": 11008,", "");
        Path f = write("no-ffn.json", text);
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelLoader.load(f));
        assertOneLine(e, f + ": key 'intermediate_size': missing");
    }

    @Test
    void illTypedKeyNamesFileKeyAndValue() throws IOException {
        String text = Files.readString(Path.of("../topologies/models/qwen3-8b.json"))
                .replace("\"num_hidden_layers\": 36", "\"num_hidden_layers\": \"36\"");
        Path f = write("bad.json", text);
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelLoader.load(f));
        assertOneLine(e, f + ":8: key 'num_hidden_layers': must be a positive integer, got \"36\"");
    }

    @Test
    void qwen3WithoutHeadDimIsRefused() throws IOException {
        String text = Files.readString(Path.of("../topologies/models/qwen3-8b.json")).replace("\"head_dim\": 128,", "");
        Path f = write("q.json", text);
        assertOneLine(assertThrows(ModelConfigException.class, () -> ModelLoader.load(f)), f + ": key 'head_dim': missing");
    }

    @Test
    void brokenJsonGivesTheLine() throws IOException {
        Path f = write("broken.json", "{\n  \"hidden_size\": 4096,\n  oops\n}");
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelLoader.load(f));
        assertOneLine(e, f + ": line 3: not valid JSON");
    }

    @Test
    void unknownNameListsTheShippedModels() {
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> ModelLoader.load("llama-9-1b"));
        assertOneLine(e, "model 'llama-9-1b': no such file, and not a shipped model (llama-2-7b, llama-3-8b, ");
        assertFalse(e.getMessage().contains("dramatis/topologies"), e.getMessage());
    }

    @Test
    void theShippedIndexListsEveryShippedModel() throws IOException {
        try (var files = Files.list(Path.of("../topologies/models"))) {
            List<String> onDisk = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            assertEquals(onDisk, ModelLoader.shippedNames().stream().sorted().toList());
        }
    }

    @Test
    void duplicateKeysDeepNestingFoldersAndBinaryFilesAreOneLine() throws IOException {
        String text = Files.readString(Path.of("../topologies/models/llama-2-7b.json"));
        Path dup = write("dup.json", text.replaceFirst("\\{", "{\n  \"hidden_size\": 1024,"));
        assertOneLine(assertThrows(ModelConfigException.class, () -> ModelLoader.load(dup)), dup + ": line ");
        assertTrue(assertThrows(ModelConfigException.class, () -> ModelLoader.load(dup)).getMessage().contains("hidden_size"));
        Path deep = write("deep.json", "[".repeat(100_000) + "]".repeat(100_000));
        assertOneLine(assertThrows(ModelConfigException.class, () -> ModelLoader.load(deep)), deep + ":");
        assertOneLine(assertThrows(ModelConfigException.class, () -> ModelLoader.load(dir.toString())),
                dir + ": is a folder, not a model config.json");
        Path bin = dir.resolve("bin.json");
        Files.write(bin, new byte[] {'{', '\n', (byte) 0xC3, (byte) 0x28, '}'});
        assertOneLine(assertThrows(org.dramatis.common.UserError.class, () -> ModelLoader.text(bin.toString())),
                bin + ":2: not UTF-8 text");
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static void assertOneLine(Exception e, String prefix) {
        assertTrue(e.getMessage().startsWith(prefix), () -> "message: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), () -> "message: " + e.getMessage());
    }
}
