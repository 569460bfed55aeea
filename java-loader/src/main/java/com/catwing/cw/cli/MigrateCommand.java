package com.catwing.cw.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the real command lands. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class MigrateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("cw: 'migrate' is not built yet");
        return 1;
    }
}
