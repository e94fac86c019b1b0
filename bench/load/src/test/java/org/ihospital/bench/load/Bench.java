package org.ihospital.bench.load;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The knobs of the simulations (system properties, which bench/run sets) and what they share. The
 * hospital's address defaults to the local system of deploy/local/hospital.
 */
final class Bench {

    static final ZoneId CLINIC = ZoneId.of("Asia/Shanghai");

    private Bench() {
    }

    static String text(String name, String fallback) {
        return System.getProperty("bench." + name, fallback);
    }

    static int number(String name, int fallback) {
        return Integer.parseInt(text(name, String.valueOf(fallback)));
    }

    static Duration seconds(String name, int fallback) {
        return Duration.ofSeconds(number(name, fallback));
    }

    static String keycloak() {
        return text("keycloak", System.getenv().getOrDefault("HOSPITAL_KEYCLOAK", "http://127.0.0.1:18080"));
    }

    /** consultation-service itself (not through the gateway). */
    static String consultation() {
        return text("consultation", "http://127.0.0.1:8081");
    }

    static String gateway() {
        return text("gateway", "http://127.0.0.1:8080");
    }

    /** A name for this run's users and doctors, so that runs never share them. */
    static String runName(String scenario) {
        return "bench-" + scenario + "-" + Long.toString(System.currentTimeMillis() / 1000, 36);
    }

    /** The clinic days the benchmark plans hours on: from the day after tomorrow (no change cut-off in reach). */
    static List<String> days(int count) {
        LocalDate first = LocalDate.now(CLINIC).plusDays(2);
        return first.datesUntil(first.plusDays(count)).map(LocalDate::toString).toList();
    }

    /**
     * A feeder that never runs dry: each record is what {@code next} answers then. Gatling may call it from several
     * threads at once (one feed action per phase), so {@code next} must be thread-safe.
     */
    static Iterator<Map<String, Object>> endless(Supplier<Map<String, Object>> next) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                return next.get();
            }
        };
    }

    static <T> T any(List<T> items) {
        return items.get(ThreadLocalRandom.current().nextInt(items.size()));
    }

    static void say(String text) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), text);
    }
}
