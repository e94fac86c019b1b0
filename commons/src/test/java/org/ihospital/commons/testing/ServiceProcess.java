package org.ihospital.commons.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another service of the system, run from its packaged jar as a real process: for tests that cross a
 * service boundary, and that must be able to kill a service mid-flow ({@link #kill()} is a SIGKILL).
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final URI ready;
    private final Path log;

    private ServiceProcess(Process process, int port, URI ready, Path log) {
        this.process = process;
        this.port = port;
        this.ready = ready;
        this.log = log;
    }

    /**
     * Starts {@code java -jar jar} with the given system properties on a free loopback port and waits
     * until its readiness check answers.
     */
    public static ServiceProcess start(Path jar, Path log, Map<String, String> properties, Duration patience) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath().normalize()
                    + " is missing: build the whole project (deploy/local/hospital test runs 'mvn verify' over all modules)");
        }
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.log.console.json.enabled=false"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        return run(command, Map.of(), port, URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"), log, patience);
    }

    /**
     * Starts a program that is not one of our services (a stand-in for a third party, such as the
     * reference payer) with {@code environment} added to ours, and waits until {@code ready} answers 200.
     *
     * @param port the port it was told to listen on (see {@link #freePort()})
     */
    public static ServiceProcess program(List<String> command, Map<String, String> environment, int port, URI ready, Path log,
            Duration patience) {
        return run(command, environment, port, ready, log, patience);
    }

    private static ServiceProcess run(List<String> command, Map<String, String> environment, int port, URI ready, Path log, Duration patience) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            ServiceProcess service = new ServiceProcess(builder.start(), port, ready, log);
            service.awaitReady(patience);
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    private void awaitReady(Duration patience) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                var response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("service not ready within " + patience + "; see " + log);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the process gets no chance to finish anything, as in a crash or an OOM kill. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A loopback port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
