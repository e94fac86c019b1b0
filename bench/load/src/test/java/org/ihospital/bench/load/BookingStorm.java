package org.ihospital.bench.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The booking storm: {@code bench.users} patients at once, each with its own token and real-name profile,
 * look up a doctor's free slots on a day and book one (a real 201; a race for a slot lost to another user is a
 * 409 and counts as a failure, of which {@code bench.min-success} allows 1 %), again and again, for
 * {@code bench.warmup} seconds (not measured) and then {@code bench.duration} seconds. Straight to
 * consultation-service: the gateway's cost is measured by {@link GatewayReads}.
 *
 * <p>The hospital's limits against touts hold: a patient books at most five times a clinic day and at most
 * twice with one doctor. So every booking is a ticket (a patient, a doctor, a day) and each patient has
 * five, with five different doctors; when a patient has used its five, the virtual user goes on with the
 * next patient. {@code bench.patients} patients are made in the dev realm through Keycloak's admin API
 * (and removed after the run); if the run outlasts their tickets, it says so.
 */
public class BookingStorm extends Simulation {

    private static final int BOOKINGS_PER_PATIENT = 5;

    private final int users = Bench.number("users", 200);
    private final int patients = Bench.number("patients", 1500);
    private final int doctors = Math.max(BOOKINGS_PER_PATIENT, Bench.number("doctors", 40));
    private final List<String> days = Bench.days(Bench.number("days", 7));
    private final String run = Bench.runName("storm");
    private final Hospital hospital = new Hospital(Bench.consultation(), Bench.keycloak());

    private final List<Map<String, Object>> tickets = new ArrayList<>();
    private final AtomicInteger used = new AtomicInteger();
    private volatile long ranOutAt;

    {
        Iterator<Map<String, Object>> feeder = Bench.endless(() -> {
            int i = used.getAndIncrement();
            if (i < tickets.size()) {
                return tickets.get(i);
            }
            if (ranOutAt == 0) {
                ranOutAt = System.currentTimeMillis();
            }
            return Map.of("token", "", "doctor", "", "day", "", "out", true);
        });
        setUp(scenario("booking storm")
                .during(Bench.seconds("warmup", 10)).on(booking("warm-up: ", feeder))
                .during(Bench.seconds("duration", 20)).on(booking("", feeder))
                .injectOpen(atOnceUsers(users)))
                .protocols(http.contentTypeHeader("application/json").acceptHeader("application/json")
                        .baseUrl(Bench.consultation()).disableCaching())
                .assertions(details("book").successfulRequests().percent().gte((double) Bench.number("min-success", 99)),
                        global().successfulRequests().count().gte(1L));
    }

    private static ChainBuilder booking(String phase, Iterator<Map<String, Object>> feeder) {
        return feed(feeder)
                .exitHereIf(session -> session.contains("out"))
                .exec(session -> session.remove("slot"))
                .exec(http(phase + "search free slots").get("/api/v1/doctors/#{doctor}/slots?from=#{day}&to=#{day}")
                        .header("Authorization", "Bearer #{token}")
                        .check(status().is(200), jsonPath("$[*].id").findRandom().saveAs("slot")))
                .doIf(session -> session.contains("slot")).then(exec(
                        http(phase + "book").post("/api/v1/appointments")
                                .header("Authorization", "Bearer #{token}")
                                .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                                .body(StringBody("{\"slotId\":\"#{slot}\",\"reason\":\"复诊 (benchmark)\"}"))
                                .check(status().is(201))));
    }

    @Override
    public void before() {
        long t0 = System.currentTimeMillis();
        String operator = hospital.login("operator-1");
        List<Hospital.User> doctorUsers = hospital.login(hospital.createUsers(run + "-d", doctors, "doctor"), 2);
        List<UUID> doctorIds = Hospital.parallel(doctorUsers, 4, d -> {
            UUID id = hospital.registerDoctor(operator, d, "Bench Doctor", "CARDIOLOGY");
            days.forEach(day -> hospital.planDay(operator, id, day, 5));
            return id;
        });
        Bench.say(doctors + " doctors with " + days.size() + " days of 5-minute slots (" + doctors * days.size() * 144
                + " slots) in " + (System.currentTimeMillis() - t0) / 1000 + " s");

        long t1 = System.currentTimeMillis();
        List<Hospital.User> created = hospital.createUsers(run + "-p", patients, "patient");
        long t2 = System.currentTimeMillis();
        List<Hospital.User> loggedIn = hospital.login(created, 3);
        long t3 = System.currentTimeMillis();
        AtomicInteger n = new AtomicInteger();
        Hospital.parallel(loggedIn, 8, p -> {
            hospital.profile(p, n.incrementAndGet());
            return p;
        });
        Bench.say(patients + " patients: made in Keycloak " + (t2 - t1) + " ms, logged in " + (t3 - t2) + " ms, profiles "
                + (System.currentTimeMillis() - t3) + " ms");

        // ticket k of every patient before ticket k + 1 of any: the users at work hold different patients
        for (int k = 0; k < BOOKINGS_PER_PATIENT; k++) {
            for (int p = 0; p < loggedIn.size(); p++) {
                tickets.add(Map.of("token", loggedIn.get(p).token(), "doctor", doctorIds.get((p + k) % doctors).toString(),
                        "day", Bench.any(days)));
            }
        }
        Bench.say("set-up done in " + (System.currentTimeMillis() - t0) / 1000 + " s; " + tickets.size() + " bookings allowed");
    }

    @Override
    public void after() {
        long start = System.currentTimeMillis();
        Bench.say("tickets used: " + Math.min(used.get(), tickets.size()) + " of " + tickets.size()
                + (ranOutAt == 0 ? "" : "; RAN OUT of patients before the end: raise bench.patients"));
        int removed = hospital.deleteUsers(run + "-p") + hospital.deleteUsers(run + "-d");
        Bench.say("removed the run's " + removed + " Keycloak users in " + (System.currentTimeMillis() - start) / 1000 + " s");
    }
}
