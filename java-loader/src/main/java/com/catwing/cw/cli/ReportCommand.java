package com.catwing.cw.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the real command lands. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class ReportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("cw: 'report' is not built yet");
        return 1;
    }
}
