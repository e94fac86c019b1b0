package org.ihospital.bench.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Readings between visits, through the gateway: patients with a hypertension care plan (so every reading is
 * judged by the alert rules, under the plan's lock) send a device's batch of blood pressures (50 a request,
 * each with its own device reading id) and a reading typed in by hand, again and again. Readings a second =
 * batches × 50 + single readings. A few readings are above the target, so runs and alerts happen too.
 */
public class Readings extends Simulation {

    static final int BATCH = 50;

    private final int patients = Bench.number("patients", 100);
    private final String run = Bench.runName("readings");
    private final Hospital hospital = new Hospital(Bench.consultation(), Bench.keycloak());
    private final List<Map<String, Object>> records = new ArrayList<>();

    {
        Iterator<Map<String, Object>> feeder = Bench.endless(() -> Bench.any(records));
        setUp(scenario("readings")
                .during(Bench.seconds("warmup", 10)).on(send("warm-up: ", feeder))
                .during(Bench.seconds("duration", 20)).on(send("", feeder))
                .injectOpen(atOnceUsers(Bench.number("users", 50))))
                .protocols(http.acceptHeader("application/json").contentTypeHeader("application/json").disableCaching())
                .assertions(Stream.of("device batch", "single reading")
                        .map(name -> details(name).successfulRequests().percent().gte(99.0)).toList());
    }

    private static ChainBuilder send(String phase, Iterator<Map<String, Object>> feeder) {
        return feed(feeder).exec(
                http(phase + "device batch").post(Bench.gateway() + "/api/v1/patients/#{patient}/readings")
                        .header("Authorization", "Bearer #{token}").body(StringBody(session -> batch(BATCH)))
                        .check(status().is(201)),
                http(phase + "single reading").post(Bench.gateway() + "/api/v1/patients/#{patient}/readings")
                        .header("Authorization", "Bearer #{token}").body(StringBody(session -> single()))
                        .check(status().is(201)));
    }

    /** Blood pressures of the last hours from one cuff, each with its own id; about one in ten above the target. */
    static String batch(int n) {
        String device = "cuff-" + UUID.randomUUID();
        Instant now = Instant.now();
        return IntStream.range(0, n).mapToObj(i -> pressure(now.minusSeconds(60L * (n - i) + 60), "\"deviceId\":\"" + device
                + "\",\"deviceReadingId\":\"" + UUID.randomUUID() + "\","))
                .collect(Collectors.joining(",", "{\"readings\":[", "]}"));
    }

    static String single() {
        return "{\"readings\":[" + pressure(Instant.now().minusSeconds(30), "") + "]}";
    }

    private static String pressure(Instant at, String device) {
        var random = ThreadLocalRandom.current();
        boolean high = random.nextInt(10) == 0;
        int systolic = high ? 142 + random.nextInt(20) : 112 + random.nextInt(25);
        int diastolic = high ? 91 + random.nextInt(10) : 70 + random.nextInt(15);
        return "{" + device + "\"kind\":\"BLOOD_PRESSURE\",\"unit\":\"mmHg\",\"systolic\":" + systolic + ",\"diastolic\":" + diastolic
                + ",\"pulse\":" + (60 + random.nextInt(30)) + ",\"measuredAt\":\"" + at + "\"}";
    }

    @Override
    public void before() {
        long t0 = System.currentTimeMillis();
        String operator = hospital.login("operator-1");
        Hospital.User doctor = hospital.login(hospital.createUsers(run + "-d", 1, "doctor"), 1).get(0);
        UUID doctorId = hospital.registerDoctor(operator, doctor, "Bench Doctor", "CARDIOLOGY");
        List<Hospital.User> users = hospital.login(hospital.createUsers(run + "-p", patients, "patient"), 3);
        AtomicInteger n = new AtomicInteger();
        Hospital.parallel(users, 4, p -> {
            UUID patient = hospital.profile(p, 3_000_000 + n.getAndIncrement());
            hospital.expect(operator, "PUT", "/api/v1/patients/" + patient + "/care-plans/HYPERTENSION", Map.of(
                    "targets", Map.of("systolicBelow", 140, "diastolicBelow", 90, "fastingFrom", 4.4, "fastingTo", 7.0, "afterMealBelow", 10.0,
                            "hba1cBelow", 7.0),
                    "critical", Map.of("systolic", 180, "diastolic", 110, "glucoseLow", 3.0, "glucoseHigh", 16.7),
                    "consecutiveAbove", 3, "readingsEveryDays", 2, "followUpEveryDays", 90, "careTeam", List.of(doctorId.toString())), 201);
            synchronized (records) {
                records.add(Map.of("token", p.token(), "patient", patient.toString()));
            }
            return p;
        });
        Bench.say(patients + " patients with a hypertension care plan, set up in " + (System.currentTimeMillis() - t0) / 1000 + " s");
    }

    @Override
    public void after() {
        hospital.deleteUsers(run + "-p");
        hospital.deleteUsers(run + "-d");
    }
}
