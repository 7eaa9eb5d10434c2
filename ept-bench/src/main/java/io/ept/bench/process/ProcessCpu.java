package io.ept.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time a process has used (user + system, milliseconds) from /proc/&lt;pid&gt;/stat (Linux). CPU time per event
 * says what a change costs even when the machine is shared and wall-clock rates swing by half.
 */
public final class ProcessCpu {

    /** Clock ticks per second of /proc/&lt;pid&gt;/stat: USER_HZ is 100 on every Linux architecture EPT runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    public static OptionalLong millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may contain spaces; fields after its closing parenthesis are fixed
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            return OptionalLong.of(ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
