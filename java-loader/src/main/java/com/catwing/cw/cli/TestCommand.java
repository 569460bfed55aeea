package com.catwing.cw.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the real command lands. */
@Command(name = "test", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class TestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("cw: 'test' is not built yet");
        return 1;
    }
}
