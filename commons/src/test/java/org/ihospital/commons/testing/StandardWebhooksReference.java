package org.ihospital.commons.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The Standard Webhooks reference library (npm {@code standardwebhooks}, version from the parent pom), run
 * by node: an implementation of the scheme that is not ours, to hold our signatures against. Where node
 * or the package is missing, a test that needs it is skipped with the reason.
 */
public final class StandardWebhooksReference {

    private static final String VERSION = System.getProperty("standardwebhooks.version", "1.1.1");
    private static final Path HOME = Path.of("target", "standardwebhooks-" + VERSION).toAbsolutePath();
    private static final String SCRIPT = """
            const { Webhook } = require('standardwebhooks');
            const wh = new Webhook(process.env.SW_SECRET);
            const e = process.env;
            if (e.SW_MODE === 'verify') {
              try {
                wh.verify(e.SW_BODY, { 'webhook-id': e.SW_ID, 'webhook-timestamp': e.SW_TIMESTAMP, 'webhook-signature': e.SW_SIGNATURE });
                process.stdout.write('valid');
              } catch (err) { process.stdout.write('invalid: ' + err.message); }
            } else {
              process.stdout.write(wh.sign(e.SW_ID, new Date(Number(e.SW_TIMESTAMP) * 1000), e.SW_BODY));
            }
            """;
    private static String unavailable;
    private static boolean installed;

    private StandardWebhooksReference() {
    }

    /** Skips the calling test, with the reason, unless node and the package are here. */
    public static synchronized void assumeAvailable() {
        if (!installed && unavailable == null) {
            install();
        }
        Assumptions.assumeTrue(unavailable == null, () -> "SKIPPED the Standard Webhooks reference check: " + unavailable);
    }

    /** Whether the reference library accepts the message (signature and timestamp) with this secret. */
    public static boolean verifies(String secret, String id, String timestamp, String signature, String body) {
        assumeAvailable();
        String out = node(Map.of("SW_MODE", "verify", "SW_SECRET", secret, "SW_ID", id, "SW_TIMESTAMP", timestamp, "SW_SIGNATURE", signature,
                "SW_BODY", body));
        return out.equals("valid");
    }

    /** The reference library's signature ({@code v1,…}) of a message. */
    public static String sign(String secret, String id, long timestamp, String body) {
        assumeAvailable();
        return node(Map.of("SW_MODE", "sign", "SW_SECRET", secret, "SW_ID", id, "SW_TIMESTAMP", Long.toString(timestamp), "SW_BODY", body));
    }

    private static void install() {
        if (!onPath("node") || !onPath("npm")) {
            unavailable = "node/npm is not installed (the README names Node.js as optional)";
            return;
        }
        if (Files.isDirectory(HOME.resolve("node_modules").resolve("standardwebhooks"))) {
            installed = true;
            return;
        }
        var result = run(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefer-offline", "--fetch-retries=0",
                "--update-notifier=false", "--prefix", HOME.toString(), "standardwebhooks@" + VERSION), Map.of(), 180);
        if (result.status != 0) {
            unavailable = "npm could not install standardwebhooks@" + VERSION + ": " + result.output;
            return;
        }
        installed = true;
    }

    private static String node(Map<String, String> env) {
        var result = run(List.of("node", "-e", SCRIPT), Map.of("NODE_PATH", HOME.resolve("node_modules").toString()), 60, env);
        if (result.status != 0) {
            throw new IllegalStateException("node failed: " + result.output);
        }
        return result.output.strip();
    }

    private record Result(int status, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env, int seconds) {
        return run(command, env, seconds, Map.of());
    }

    private static Result run(List<String> command, Map<String, String> env, int seconds, Map<String, String> more) {
        try {
            Files.createDirectories(HOME);
            Path output = Files.createTempFile("standardwebhooks", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().putAll(env);
                builder.environment().putAll(more);
                Process process = builder.start();
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, "timed out after " + seconds + " s");
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
