package io.slabtrace.cli.error;


/** A failure the user can act on, printed as one line, with the exit status to return. */
public final class UserError extends RuntimeException {
    private final int status;

    public UserError(String message) {
        this(message, ExitCodes.INPUT);
    }

    public UserError(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
