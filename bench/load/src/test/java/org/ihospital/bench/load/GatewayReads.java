package org.ihospital.bench.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * What a patient's app reads most, with token verification: the appointment list, a prescription's timeline
 * and the departments. First straight to consultation-service (the baseline), then the same through the
 * gateway, after a warm-up of both: the gateway's cost is 1 - (through the gateway / straight).
 */
public class GatewayReads extends Simulation {

    private final int patients = Bench.number("patients", 50);
    private final String run = Bench.runName("reads");
    private final Hospital hospital = new Hospital(Bench.consultation(), Bench.keycloak());
    private final List<Map<String, Object>> visits = new ArrayList<>();

    {
        // a random visit each time: stateless, so the four feed actions may call it at once
        Iterator<Map<String, Object>> feeder = Bench.endless(() -> Bench.any(visits));
        var warmup = Bench.seconds("warmup", 10);
        var duration = Bench.seconds("duration", 20);
        // both ways warmed up before either is measured: measured first while the service's JIT is still at
        // work, the straight reads would come out slower and the gateway cheaper than they are
        setUp(scenario("reads")
                .during(warmup).on(reads("warm-up direct: ", Bench.consultation(), feeder))
                .during(warmup).on(reads("warm-up gateway: ", Bench.gateway(), feeder))
                .during(duration).on(reads("direct: ", Bench.consultation(), feeder))
                .during(duration).on(reads("gateway: ", Bench.gateway(), feeder))
                .injectOpen(atOnceUsers(Bench.number("users", 100))))
                .protocols(http.acceptHeader("application/json").disableCaching())
                .assertions(Stream.of("direct: ", "gateway: ")
                        .flatMap(p -> Stream.of(p + "appointments", p + "timeline", p + "departments"))
                        .map(name -> details(name).successfulRequests().percent().gte(99.0)).toList());
    }

    private static ChainBuilder reads(String phase, String base, Iterator<Map<String, Object>> feeder) {
        return feed(feeder).exec(
                http(phase + "appointments").get(base + "/api/v1/appointments").header("Authorization", "Bearer #{token}")
                        .check(status().is(200), jsonPath("$.items[0].id").exists()),
                http(phase + "timeline").get(base + "/api/v1/prescriptions/#{prescription}/timeline")
                        .header("Authorization", "Bearer #{token}").check(status().is(200), jsonPath("$[0]").exists()),
                http(phase + "departments").get(base + "/api/v1/departments").header("Authorization", "Bearer #{token}")
                        .check(status().is(200), jsonPath("$[0]").exists()));
    }

    @Override
    public void before() {
        long t0 = System.currentTimeMillis();
        String operator = hospital.login("operator-1");
        Hospital.User doctor = hospital.login(hospital.createUsers(run + "-d", 1, "doctor"), 1).get(0);
        UUID doctorId = hospital.registerDoctor(operator, doctor, "Bench Doctor", "CARDIOLOGY");
        List<String> slots = new ArrayList<>();
        Bench.days(2).forEach(day -> slots.addAll(hospital.planDay(operator, doctorId, day, 5)));
        List<Hospital.User> users = hospital.login(hospital.createUsers(run + "-p", patients, "patient"), 3);
        AtomicInteger n = new AtomicInteger();
        // each patient: two visits booked, the first one held, with a diagnosis and a prescription
        Hospital.parallel(users, 4, p -> {
            int i = n.getAndIncrement();
            UUID patient = hospital.profile(p, 1_000_000 + i);
            // online prescriptions are for follow-up visits: a hypertension diagnosed elsewhere, years ago
            hospital.expect(operator, "POST", "/api/v1/patients/" + patient + "/conditions", Map.of("icd10", "I10",
                    "diagnosedOn", LocalDate.now(Bench.CLINIC).minusYears(3).toString(), "source", "benchmark"), 201);
            JsonNode first = book(p, slots.get(2 * i));
            book(p, slots.get(2 * i + 1));
            String visit = hospital.expect(doctor.token(), "POST", "/api/v1/appointments/" + first.path("id").asText() + "/consultation",
                    null, 201).path("id").asText();
            hospital.expect(doctor.token(), "POST", "/api/v1/consultations/" + visit + "/diagnoses",
                    Map.of("icd10", "I10", "note", "benchmark"), 201);
            hospital.expect(doctor.token(), "POST", "/api/v1/consultations/" + visit + "/complete", null, 200);
            String prescription = hospital.expect(doctor.token(), "POST", "/api/v1/prescriptions", Map.of("consultationId", visit,
                    "items", List.of(Map.of("drugCode", "LOSARTAN-50MG-TAB", "quantity", 30,
                            "dosage", Map.of("amount", 1, "frequency", "QD", "days", 30)))), 201).path("id").asText();
            hospital.awaitTimeline(p.token(), prescription);
            synchronized (visits) {
                visits.add(Map.of("token", p.token(), "prescription", prescription));
            }
            return p;
        });
        Bench.say(patients + " patients with two visits and a prescription each, set up in "
                + (System.currentTimeMillis() - t0) / 1000 + " s");
    }

    private JsonNode book(Hospital.User patient, String slot) {
        return hospital.expect(patient.token(), "POST", "/api/v1/appointments", Map.of("slotId", slot, "reason", "复诊 (benchmark)"), 201);
    }

    @Override
    public void after() {
        hospital.deleteUsers(run + "-p");
        hospital.deleteUsers(run + "-d");
    }
}
