package org.dramatis.workload;

import org.dramatis.common.UserError;

/** A KV cache that does not fit the memory given for it; the message carries the numbers. */
public final class KvCacheCapacityException extends UserError {
    public KvCacheCapacityException(String message) {
        super(message);
    }
}
