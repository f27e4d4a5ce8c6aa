package org.dramatis.workload;

/**
 * The decoder architectures Dramatis knows, by the names Hugging Face gives them in
 * {@code config.json} ({@code architectures[0]} and {@code model_type}).
 */
public enum ModelFamily {
    LLAMA("LlamaForCausalLM", "llama"),
    MISTRAL("MistralForCausalLM", "mistral"),
    QWEN3("Qwen3ForCausalLM", "qwen3"),
    OPT("OPTForCausalLM", "opt");

    private final String architecture;
    private final String modelType;

    ModelFamily(String architecture, String modelType) {
        this.architecture = architecture;
        this.modelType = modelType;
    }

    /** The class name Hugging Face lists under {@code architectures}. */
    public String architecture() {
        return architecture;
    }

    /** The value of {@code model_type}. */
    public String modelType() {
        return modelType;
    }

    /** The family with this architecture class name, or null. */
    static ModelFamily byArchitecture(String name) {
        for (ModelFamily f : values()) if (f.architecture.equals(name)) return f;
        return null;
    }

    /** The family with this {@code model_type}, or null. */
    static ModelFamily byModelType(String type) {
        for (ModelFamily f : values()) if (f.modelType.equals(type)) return f;
        return null;
    }
}
