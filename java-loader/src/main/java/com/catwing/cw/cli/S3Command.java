package com.catwing.cw.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder until the real command lands. */
@Command(name = "s3", mixinStandardHelpOptions = true, description = "(not built yet)")
public final class S3Command implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("cw: 's3' is not built yet");
        return 1;
    }
}
