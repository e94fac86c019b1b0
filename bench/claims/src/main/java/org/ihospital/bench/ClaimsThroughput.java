package org.ihospital.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Claims end to end through Kafka, against the running hospital ('deploy/local/hospital up'): covers a
 * few hundred patients through the API, publishes approved-review events as pharmacy-service does, and
 * waits for each claim's event from insurance-service — adjudicated with the patient's year locked,
 * confirmed by both payers of the reference payer over HTTP, published through the outbox. Reports
 * claims per second and the time from the review to the claim's event: all at once (throughput), or at a
 * steady rate below it (latency).
 *
 * <pre>java -cp … org.ihospital.bench.ClaimsThroughput [claims (3000)] [patients (1000)] [per second (0: all at once)]</pre>
 */
public final class ClaimsThroughput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KAFKA = env("HOSPITAL_KAFKA", "127.0.0.1:19092");
    private static final String KEYCLOAK = env("HOSPITAL_KEYCLOAK", "http://127.0.0.1:18080");
    private static final String GATEWAY = env("HOSPITAL_GATEWAY", "http://127.0.0.1:8080");
    /** Three drugs of different classes, so that cost control finds no duplicate therapy within a claim. */
    private static final List<String[]> DRUGS = List.of(new String[] { "AMLODIPINE-5MG-TAB", "C08CA01" },
            new String[] { "SITAGLIPTIN-100MG-TAB", "A10BH01" }, new String[] { "ATORVASTATIN-20MG-TAB", "C10AA05" });

    private ClaimsThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int claims = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int patients = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        String operator = token("operator-1");
        List<UUID> covered = cover(operator, patients);
        System.out.printf("covered %d patients; warming up with %d claims%n", covered.size(), Math.min(300, claims));
        run(covered, Math.min(300, claims), 0, false);
        run(covered, claims, rate, true);
    }

    private static void run(List<UUID> patients, int claims, int rate, boolean report) throws Exception {
        Map<UUID, Long> sent = new ConcurrentHashMap<>();
        Map<UUID, Long> answered = new ConcurrentHashMap<>();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread listener = listen(sent, answered, outcomes, done);
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < claims; i++) {
                UUID prescription = UUID.randomUUID();
                UUID patient = patients.get(i % patients.size());
                if (rate > 0) {
                    long due = start + i * 1_000_000_000L / rate;
                    while (System.nanoTime() < due) {
                        Thread.sleep(0, 200_000);
                    }
                }
                sent.put(prescription, System.nanoTime());
                producer.send(reviewed(prescription, patient, i));
            }
        }
        long sentAll = System.nanoTime();
        Instant deadline = Instant.now().plusSeconds(Math.max(120, claims / 10));
        while (answered.size() < claims && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        long end = answered.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
        done.set(true);
        listener.join();
        if (!report) {
            return;
        }
        long[] latencies = answered.entrySet().stream().mapToLong(e -> e.getValue() - sent.get(e.getKey())).sorted().toArray();
        double seconds = (end - start) / 1e9;
        System.out.printf("%nclaims through Kafka: %d sent %s(in %.2f s), %d answered %s in %.2f s: %.0f claims/s%n", claims,
                rate > 0 ? "at " + rate + "/s " : "at once ", (sentAll - start) / 1e9, answered.size(), outcomes, seconds, answered.size() / seconds);
        System.out.printf("review event -> claim event: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", pct(latencies, 50), pct(latencies, 95),
                pct(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1_000_000);
        if (answered.size() < claims) {
            System.out.printf("MISSING: %d claims got no event before the deadline%n", claims - answered.size());
            System.exit(1);
        }
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1_000_000;
    }

    /** Reads insurance.claims from its end, noting when each of our prescriptions' claims was published. */
    private static Thread listen(Map<UUID, Long> sent, Map<UUID, Long> answered, Map<String, Integer> outcomes, AtomicBoolean done)
            throws InterruptedException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        var ready = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
                List<TopicPartition> partitions = consumer.partitionsFor("insurance.claims").stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                ready.countDown();
                while (!done.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        Header type = r.headers().lastHeader("ce_type");
                        String kind = type == null ? "?" : new String(type.value(), StandardCharsets.UTF_8);
                        if (!kind.contains("adjudicated") && !kind.contains("rejected")) {
                            continue;
                        }
                        try {
                            UUID prescription = UUID.fromString(JSON.readTree(r.value()).path("prescriptionId").asText());
                            if (sent.containsKey(prescription) && answered.putIfAbsent(prescription, now) == null) {
                                outcomes.merge(kind.replace("hospital.", "").replace(".v1", ""), 1, Integer::sum);
                            }
                        } catch (IOException | IllegalArgumentException e) {
                            // not one of ours
                        }
                    }
                }
            }
        }, "claims-listener");
        t.start();
        ready.await();
        return t;
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p);
    }

    /** pharmacy-service's prescription.reviewed (approved), one to three lines, as a CloudEvent in binary mode. */
    private static ProducerRecord<String, String> reviewed(UUID prescription, UUID patient, int n) {
        StringBuilder items = new StringBuilder();
        int lines = 1 + n % 3;
        for (int i = 0; i < lines; i++) {
            String[] drug = DRUGS.get((n + i) % DRUGS.size());
            items.append(i == 0 ? "" : ",").append("{\"line\":%d,\"drugCode\":\"%s\",\"atc\":\"%s\",\"quantity\":30}".formatted(i + 1, drug[0], drug[1]));
        }
        String data = """
                {"prescriptionId":"%s","reviewId":"%s","patientId":"%s","patientAccount":null,"approved":true,"reason":null,
                 "reviewedAt":"%s","pharmacistId":"bench","region":"310104","items":[%s],"overriddenFindings":[]}"""
                .formatted(prescription, UUID.randomUUID(), patient, Instant.now(), items);
        var record = new ProducerRecord<>("pharmacy.reviews", prescription.toString(), data);
        Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_source", "/ihospital/bench", "ce_type",
                "hospital.prescription.reviewed.v1", "ce_subject", prescription.toString(), "ce_time", Instant.now().toString(), "content-type",
                "application/json").forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** A policy with caps no run reaches, and that many new patients covered by it this year. */
    private static List<UUID> cover(String operator, int patients) throws Exception {
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        JsonNode policy = call(operator, "POST", "/api/v1/policies", """
                {"name":"bench %s","deductible":20000,"annualCap":100000000,"classBSelfPay":1000,"reimbursement":8000,
                 "supplementary":{"reimbursement":5000,"annualCap":100000000,"coversClassC":false},
                 "validFrom":"%d-01-01","validUntil":"%d-12-31"}""".formatted(UUID.randomUUID(), year, year), 201);
        List<UUID> covered = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            UUID patient = UUID.randomUUID();
            call(operator, "PUT", "/api/v1/coverages/" + patient, "{\"policyId\":\"%s\",\"validFrom\":\"%d-01-01\",\"validUntil\":\"%d-12-31\"}"
                    .formatted(policy.path("id").asText(), year, year), 200);
            covered.add(patient);
        }
        return covered;
    }

    private static JsonNode call(String token, String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** A demo user's token (password grant of the development realm; the password is the user name). */
    private static String token(String user) throws Exception {
        String form = String.join("&", Arrays.asList("grant_type=password", "client_id=hospital-app",
                "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8), "password=" + URLEncoder.encode(user, StandardCharsets.UTF_8)));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK + "/realms/hospital/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + " (is the hospital up?): " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
