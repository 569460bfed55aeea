package com.catwing.cw.cli;

import com.catwing.cw.CwException;
import com.catwing.cw.Env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the project's shell scripts (OS-level work: packages, the local cluster). */
public final class Scripts {
    private Scripts() {
    }

    /** Runs a script with the terminal attached; a non-zero exit becomes a one-line error. */
    public static int run(String script, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Env.script(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("CW_HOME", Env.home().toString());
        try {
            int rc = pb.start().waitFor();
            if (rc != 0 && !(args.length > 0 && args[0].equals("status"))) {
                throw new CwException(script + " " + String.join(" ", args) + " failed (exit " + rc + ")", rc);
            }
            return rc;
        } catch (IOException e) {
            throw new CwException("cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CwException("interrupted while running " + script);
        }
    }

    /** Runs a script and returns its standard output, trimmed. */
    public static String output(String script, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Env.script(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("CW_HOME", Env.home().toString());
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new CwException(script + " " + String.join(" ", args) + " failed (exit " + rc + ")", rc);
            }
            return out;
        } catch (IOException e) {
            throw new CwException("cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CwException("interrupted while running " + script);
        }
    }
}
