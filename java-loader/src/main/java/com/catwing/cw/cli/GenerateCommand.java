package com.catwing.cw.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the real command lands. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("cw: 'generate' is not built yet");
        return 1;
    }
}
