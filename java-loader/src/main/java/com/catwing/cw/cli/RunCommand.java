package com.catwing.cw.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the real command lands. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("cw: 'run' is not built yet");
        return 1;
    }
}
