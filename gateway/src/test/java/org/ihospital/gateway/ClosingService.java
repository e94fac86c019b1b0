package org.ihospital.gateway;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A service that closes a kept-alive connection just as the gateway reuses it: it answers the first
 * request on each connection (keep-alive, no {@code Connection: close}), reads the second one and closes
 * the connection without a word. That is the race of an idle timeout on the service's side, made certain.
 */
public class ClosingService implements QuarkusTestResourceLifecycleManager {

    /** Requests answered, and requests met with a closed connection. */
    static final AtomicInteger ANSWERED = new AtomicInteger();
    static final AtomicInteger CLOSED_ON = new AtomicInteger();

    private ServerSocket server;
    private ExecutorService threads;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        threads = Executors.newCachedThreadPool();
        threads.submit(this::accept);
        String url = "http://127.0.0.1:" + server.getLocalPort();
        return Map.of("hospital.gateway.services.consultation", url,
                "hospital.gateway.services.pharmacy", url,
                "hospital.gateway.services.insurance", url);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String target = readRequestTarget(in);
            if (target == null) {
                return;
            }
            if (target.startsWith("/api/v1/departments/broken")) {
                // breaks off in the middle of its answer: 100 of 1000 announced bytes, then the connection goes
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().write(new byte[100]);
                socket.getOutputStream().flush();
                return;
            }
            byte[] body = "{\"served\":true}".getBytes(StandardCharsets.UTF_8);
            ANSWERED.incrementAndGet(); // counted before the answer leaves, so a caller that has it sees the count
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (readRequestTarget(in) != null) {
                CLOSED_ON.incrementAndGet();
            }
        } catch (IOException e) {
            // the gateway let the connection go: nothing to do
        }
    }

    /** Reads one request's head and body; its target, or null if the connection ended first. */
    private static String readRequestTarget(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        if (c == -1) {
            return null;
        }
        String[] lines = head.toString().split("\r\n");
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return lines[0].split(" ")[1];
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}
