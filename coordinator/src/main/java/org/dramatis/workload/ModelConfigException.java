package org.dramatis.workload;

import org.dramatis.common.UserError;

/**
 * A model configuration that cannot be used: unreadable, not JSON, an unknown architecture, or a
 * missing or ill-typed key. The message is one line naming the file, the key and the problem; the
 * CLI reports it with exit code 2.
 */
public final class ModelConfigException extends UserError {
    public ModelConfigException(String message) {
        super(message);
    }

    public ModelConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
