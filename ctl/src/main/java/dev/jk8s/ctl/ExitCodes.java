package dev.jk8s.ctl;

/**
 * jctl's exit status. kubectl exits 1 for every failure; jctl tells usage errors apart, as
 * POSIX tools do, so that a script can distinguish "you called me wrong" from "it failed".
 */
public final class ExitCodes {

    /** Everything asked for was done. */
    public static final int OK = 0;
    /** Something failed: the apiserver refused or could not be reached, a file could not be read, a document failed. */
    public static final int ERROR = 1;
    /** The command line is wrong: unknown command or flag, missing or malformed argument. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
