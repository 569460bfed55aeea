package com.catwing.cw.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cw bench ...}: measured speed and memory goals; results are written up in docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (speed and memory goals); results go in docs/benchmarks.md.",
        subcommands = {BenchGenerateCommand.class, com.catwing.cw.bench.BenchIngestCommand.class,
                com.catwing.cw.bench.BenchLoadCommand.class, com.catwing.cw.bench.BenchBehaviorsCommand.class,
                com.catwing.cw.bench.BenchForecastCommand.class, com.catwing.cw.bench.BenchTargetsCommand.class,
                com.catwing.cw.bench.BenchChangesCommand.class, com.catwing.cw.bench.BenchStatsCommand.class,
                com.catwing.cw.bench.BenchNightlyCommand.class, com.catwing.cw.bench.BenchRecoveryCommand.class,
                com.catwing.cw.bench.BenchRecommendationsCommand.class,
                com.catwing.cw.bench.BenchUpliftCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
