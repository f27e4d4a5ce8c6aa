package org.dramatis.workload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a Hugging Face {@code config.json} into a {@link ModelConfig}.
 *
 * <p>A reference is either the name of a model that ships with Dramatis ({@code llama-2-7b}:
 * class-path resource {@code dramatis/topologies/models/llama-2-7b.json}) or a path to a file.
 * Defaults for absent keys are those of the {@code transformers} config classes.
 */
public final class ModelLoader {

    /** Where shipped model files sit on the class path (see topologies/pom.xml). */
    public static final String SHIPPED = "dramatis/topologies/models/";

    /** A key given twice is refused (the last one would silently win). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // text after the object (a '}' too many) is refused, not ignored
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ModelLoader() {}

    /** Loads a shipped model by name, or else the file at that path. */
    public static ModelConfig load(String ref) {
        Path file = Path.of(ref);
        if (Files.isDirectory(file)) throw new ModelConfigException(ref + ": is a folder, not a model config.json");
        if (Files.isRegularFile(file)) return load(file);
        if (ref.matches("[A-Za-z0-9][A-Za-z0-9._-]*") && !ref.endsWith(".json")) {
            String resource = SHIPPED + ref + ".json";
            try (InputStream in = ModelLoader.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) return parse(ref, resource, in);
            } catch (IOException e) {
                throw new ModelConfigException(resource + ": cannot read: " + e.getMessage(), e);
            }
            throw new ModelConfigException("model '" + ref + "': no such file, and not a shipped model ("
                    + String.join(", ", shippedNames()) + ")");
        }
        throw new ModelConfigException(ref + ": no such file");
    }

    /** The names of the shipped models (topologies/models/models.index). */
    public static java.util.List<String> shippedNames() {
        try (InputStream in = ModelLoader.class.getClassLoader().getResourceAsStream(SHIPPED + "models.index")) {
            if (in == null) return java.util.List.of();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            return java.util.List.of();
        }
    }

    /** The config text a reference names (a file, or a shipped model), as {@link #load(String)} finds it. */
    public static String text(String ref) {
        Path file = Path.of(ref);
        try {
            if (Files.isRegularFile(file)) return org.dramatis.common.TextFiles.read(file);
            try (InputStream in = ModelLoader.class.getClassLoader().getResourceAsStream(SHIPPED + ref + ".json")) {
                if (in != null) return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new ModelConfigException(ref + ": cannot read: " + e.getMessage(), e);
        }
        load(ref);
        throw new ModelConfigException("model '" + ref + "': no such file");
    }

    /** Loads the file at this path; the model is named after the file. */
    public static ModelConfig load(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        try (InputStream in = Files.newInputStream(file)) {
            return parse(name, file.toString(), in);
        } catch (IOException e) {
            throw new ModelConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses a config read from {@code source} (named in every message). */
    public static ModelConfig parse(String name, String source, InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            // a nesting or size limit of the parser may come without a location
            String line = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr() + ":";
            throw new ModelConfigException(source + ":" + line + " not valid JSON: "
                    + e.getOriginalMessage().replace('\n', ' '), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelConfigException(source + ": expected a JSON object");
        }
        return new Reader(name, source, root, keyLines(bytes)).read();
    }

    /** The line of each top-level key (errors about a key name its line). */
    private static Map<String, Integer> keyLines(byte[] bytes) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = JSON.getFactory().createParser(bytes)) {
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isStructStart()) depth++;
                else if (t.isStructEnd() && --depth == 0) break;
                else if (t == JsonToken.FIELD_NAME && depth == 1) lines.putIfAbsent(p.currentName(), p.getTokenLocation().getLineNr());
            }
        }
        return lines;
    }

    /** One config being read: every message names the source and the key. */
    private static final class Reader {
        private final String name;
        private final String source;
        private final JsonNode root;

        private final Map<String, Integer> lines;

        Reader(String name, String source, JsonNode root, Map<String, Integer> lines) {
            this.name = name;
            this.source = source;
            this.root = root;
            this.lines = lines;
        }

        ModelConfig read() {
            ModelFamily family = family();
            return family == ModelFamily.OPT ? opt() : llamaLike(family);
        }

        private ModelFamily family() {
            String known = Arrays.stream(ModelFamily.values()).map(ModelFamily::architecture)
                    .collect(Collectors.joining(", "));
            JsonNode arch = root.get("architectures");
            if (arch != null && !arch.isNull()) {
                if (!arch.isArray() || arch.isEmpty() || !arch.get(0).isTextual()) {
                    throw fail("architectures", "must be a list of class names, got " + arch);
                }
                String a = arch.get(0).asText();
                ModelFamily f = ModelFamily.byArchitecture(a);
                if (f == null) throw fail("architectures", "unknown architecture '" + a + "' (known: " + known + ")");
                return f;
            }
            JsonNode type = root.get("model_type");
            if (type == null || type.isNull()) {
                throw fail("architectures", "missing (and no model_type either)");
            }
            if (!type.isTextual()) throw fail("model_type", "must be a string, got " + type);
            ModelFamily f = ModelFamily.byModelType(type.asText());
            if (f == null) {
                String types = Arrays.stream(ModelFamily.values()).map(ModelFamily::modelType)
                        .collect(Collectors.joining(", "));
                throw fail("model_type", "unknown model type '" + type.asText() + "' (known: " + types + ")");
            }
            return f;
        }

        private ModelConfig llamaLike(ModelFamily family) {
            int hidden = positiveInt("hidden_size");
            int heads = positiveInt("num_attention_heads");
            int kvHeads = root.hasNonNull("num_key_value_heads") ? positiveInt("num_key_value_heads") : heads;
            if (heads % kvHeads != 0) {
                throw fail("num_key_value_heads", kvHeads + " does not divide num_attention_heads " + heads);
            }
            // Qwen3 always states head_dim (it is not hidden / heads in every size); the others
            // default to hidden / heads as transformers does.
            int headDim = family == ModelFamily.QWEN3 || root.hasNonNull("head_dim")
                    ? positiveInt("head_dim") : evenSplit(hidden, heads);
            String act = text("hidden_act");
            if (!act.equals("silu")) {
                throw fail("hidden_act", "'" + act + "' is not supported for " + family.architecture()
                        + " (expected silu: SwiGLU FFN)");
            }
            rejectSlidingWindow(family);
            return new ModelConfig(name, source, family, hidden, positiveInt("num_hidden_layers"), heads, kvHeads,
                    headDim, positiveInt("intermediate_size"), positiveInt("vocab_size"),
                    positiveInt("max_position_embeddings"), ModelConfig.Activation.SWIGLU,
                    ModelConfig.NormKind.RMS_NORM, ModelConfig.Positional.ROPE,
                    bool("tie_word_embeddings", false), family == ModelFamily.QWEN3,
                    bool("attention_bias", false), bool("mlp_bias", false), hidden, true, true);
        }

        /** Windowed attention changes what a head attends; it is not modelled, so refuse it. */
        private void rejectSlidingWindow(ModelFamily family) {
            if (family == ModelFamily.MISTRAL && root.hasNonNull("sliding_window")) {
                throw fail("sliding_window", "sliding-window attention is not modelled (set it to null)");
            }
            if (family == ModelFamily.QWEN3 && bool("use_sliding_window", false)) {
                throw fail("use_sliding_window", "sliding-window attention is not modelled (set it to false)");
            }
        }

        private ModelConfig opt() {
            int hidden = positiveInt("hidden_size");
            int heads = positiveInt("num_attention_heads");
            String act = text("activation_function");
            if (!act.equals("relu")) {
                throw fail("activation_function", "'" + act + "' is not supported for OPT (expected relu)");
            }
            boolean preNorm = bool("do_layer_norm_before", true);
            int embeddingDim = root.hasNonNull("word_embed_proj_dim") ? positiveInt("word_embed_proj_dim") : hidden;
            // transformers' OPTConfig ties the LM head to the embedding by default.
            return new ModelConfig(name, source, ModelFamily.OPT, hidden, positiveInt("num_hidden_layers"), heads,
                    heads, evenSplit(hidden, heads), positiveInt("ffn_dim"), positiveInt("vocab_size"),
                    positiveInt("max_position_embeddings"), ModelConfig.Activation.RELU,
                    ModelConfig.NormKind.LAYER_NORM, ModelConfig.Positional.LEARNED,
                    bool("tie_word_embeddings", true), false, bool("enable_bias", true), bool("enable_bias", true),
                    embeddingDim, preNorm, preNorm);
        }

        private int evenSplit(int hidden, int heads) {
            if (hidden % heads != 0) {
                throw fail("num_attention_heads", heads + " does not divide hidden_size " + hidden
                        + " and there is no head_dim");
            }
            return hidden / heads;
        }

        private JsonNode required(String key) {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) throw fail(key, "missing");
            return v;
        }

        private int positiveInt(String key) {
            JsonNode v = required(key);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() <= 0) {
                throw fail(key, "must be a positive integer, got " + v);
            }
            return v.asInt();
        }

        private String text(String key) {
            JsonNode v = required(key);
            if (!v.isTextual()) throw fail(key, "must be a string, got " + v);
            return v.asText();
        }

        private boolean bool(String key, boolean absent) {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) return absent;
            if (!v.isBoolean()) throw fail(key, "must be true or false, got " + v);
            return v.asBoolean();
        }

        private ModelConfigException fail(String key, String problem) {
            Integer line = lines.get(key);
            return new ModelConfigException(source + (line == null ? "" : ":" + line) + ": key '" + key + "': " + problem);
        }
    }
}
