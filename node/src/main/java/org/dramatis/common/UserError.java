package org.dramatis.common;

/**
 * A problem with what the user gave (a file, a key, a value): reported as one line naming the
 * place and the problem, exit code 2, no stack trace.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
