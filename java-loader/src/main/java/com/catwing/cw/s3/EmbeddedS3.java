package com.catwing.cw.s3;

import com.catwing.cw.CwException;
import com.catwing.cw.Env;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded S3: the pinned s3proxy (built into {@code embedded-s3/target/lib}) with its filesystem backend,
 * run as a separate, detached java process so it outlives the command that started it.
 *
 * <p>Its folder (default {@code .cw/s3}, git-ignored) holds {@code data/} (one sub-folder per bucket, objects as
 * plain files), {@code s3proxy.properties}, {@code logback.xml} (level {@code CW_S3_LOG_LEVEL}, default warn),
 * {@code s3proxy.pid} and {@code s3proxy.log}. It listens on 127.0.0.1
 * only. Tests make their own instance on a free port in a temporary folder.
 */
public final class EmbeddedS3 {
    private static final String MAIN = "org.gaul.s3proxy.Main";

    private final Path dir;
    private final int port;
    private final Path libDir;

    public EmbeddedS3(Path dir, int port, Path libDir) {
        this.dir = dir.toAbsolutePath();
        this.port = port;
        this.libDir = libDir;
    }

    /** The project's instance: {@code $CW_STATE/s3}, port {@code CW_S3_PORT} (default 54380). */
    public static EmbeddedS3 configured() {
        return new EmbeddedS3(Env.state().resolve("s3"), S3Settings.localPort(), findLib());
    }

    /**
     * Where the s3proxy jars are: {@code CW_S3PROXY_LIB}, else {@code embedded-s3/target/lib} under the project
     * (or under the parent of the working folder, as when Maven runs the java-loader tests).
     */
    public static Path findLib() {
        String env = Env.get("CW_S3PROXY_LIB", null);
        if (env != null) {
            return Path.of(env);
        }
        Path home = Env.home();
        for (Path base : new Path[] {home, home.getParent() == null ? home : home.getParent()}) {
            Path p = base.resolve("embedded-s3/target/lib");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return home.resolve("embedded-s3/target/lib");
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public Path logFile() {
        return dir.resolve("s3proxy.log");
    }

    public S3Settings settings(String bucket) {
        return S3Settings.local(port, bucket);
    }

    /** The pid of a live s3proxy started from this folder, if any. */
    public Optional<Long> pid() {
        Path pidFile = dir.resolve("s3proxy.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().map(c -> c.contains(MAIN)).orElse(true))
                    .map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean running() {
        return pid().isPresent() && portOpen();
    }

    private boolean portOpen() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts s3proxy unless it already runs; waits until it accepts connections. Idempotent. */
    public void start() {
        if (running()) {
            return;
        }
        if (pid().isEmpty() && portOpen()) {
            throw new CwException("port " + port + " is already taken by another process; stop it or choose another"
                    + " port with CW_S3_PORT=NNNNN", 5);
        }
        if (!Files.isDirectory(libDir)) {
            throw new CwException("s3proxy is not built (no " + libDir + "); build it with: mvn -B -q -pl embedded-s3 package"
                    + " (bin/cw does this on first use)", 5);
        }
        try {
            Files.createDirectories(dataDir());
            Path props = dir.resolve("s3proxy.properties");
            Files.writeString(props, String.join("\n",
                    "# Written by cw (EmbeddedS3) on every start; edit the code, not this file.",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + Env.get("CW_S3_ACCESS_KEY", S3Settings.LOCAL_ACCESS_KEY),
                    "s3proxy.credential=" + Env.get("CW_S3_SECRET_KEY", S3Settings.LOCAL_SECRET_KEY),
                    "s3proxy.ignore-unknown-headers=true",
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dataDir(),
                    ""), StandardCharsets.UTF_8);
            // s3proxy ships no logging configuration: logback's default logs every request body read at DEBUG
            Path logback = dir.resolve("logback.xml");
            Files.writeString(logback, String.join("\n",
                    "<configuration>",
                    "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
                    "    <encoder><pattern>%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>",
                    "  </appender>",
                    "  <root level=\"" + Env.get("CW_S3_LOG_LEVEL", "warn") + "\"><appender-ref ref=\"OUT\"/></root>",
                    "</configuration>", ""), StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                cmd.add("/usr/bin/setsid"); // own session: Ctrl-C on the terminal that started it does not kill it
            }
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + Env.get("CW_S3_HEAP", "384m"), "-XX:+UseSerialGC", "-Xss512k",
                    "-Dlogback.configurationFile=" + logback,
                    "-cp", libDir.toAbsolutePath() + "/*", MAIN, "--properties", props.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Files.writeString(dir.resolve("s3proxy.pid"), p.pid() + "\n");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!portOpen()) {
                if (!p.isAlive()) {
                    throw new CwException("s3proxy exited at start (exit " + p.exitValue() + "); last lines of "
                            + logFile() + ": " + tail(3), 5);
                }
                if (System.nanoTime() > deadline) {
                    p.destroy();
                    throw new CwException("s3proxy did not open port " + port + " within 60 s; see " + logFile(), 5);
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new CwException("cannot start s3proxy in " + dir + ": " + e.getMessage(), 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CwException("interrupted while starting s3proxy", 5);
        }
    }

    /** Stops the instance started from this folder (SIGTERM, then SIGKILL after 10 s). Returns false if none ran. */
    public boolean stop() {
        Optional<Long> pid = pid();
        if (pid.isEmpty()) {
            return false;
        }
        ProcessHandle h = ProcessHandle.of(pid.get()).orElseThrow();
        h.destroy();
        try {
            h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
        }
        try {
            Files.deleteIfExists(dir.resolve("s3proxy.pid"));
        } catch (IOException ignored) {
            // a stale pid file is detected by pid() anyway
        }
        return true;
    }

    private String tail(int n) {
        try {
            List<String> lines = Files.readAllLines(logFile());
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** A free TCP port on 127.0.0.1 (for tests). */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new CwException("no free TCP port: " + e.getMessage());
        }
    }
}
