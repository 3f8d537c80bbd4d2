package io.slabtrace.parser;

/** An input the tool cannot use at all: missing, empty, binary, or without a single snapshot. */
public final class InputException extends Exception {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
