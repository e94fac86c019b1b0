package org.ihospital.bench.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.UUID;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The booking storm's baseline: the same users, warm-up and duration against bench/bare, a Quarkus reactive
 * endpoint that inserts one row into the same PostgreSQL and does nothing else.
 */
public class BareInsert extends Simulation {

    {
        setUp(scenario("bare insert")
                .during(Bench.seconds("warmup", 10)).on(insert("warm-up: "))
                .during(Bench.seconds("duration", 20)).on(insert(""))
                .injectOpen(atOnceUsers(Bench.number("users", 200))))
                .protocols(http.contentTypeHeader("application/json").acceptHeader("application/json")
                        .baseUrl(Bench.text("bare", "http://127.0.0.1:8099")).disableCaching())
                .assertions(details("insert").successfulRequests().percent().gte(99.0));
    }

    private static ChainBuilder insert(String phase) {
        return exec(http(phase + "insert").post("/rows")
                .body(StringBody(session -> "{\"slotId\":\"" + UUID.randomUUID() + "\",\"reason\":\"复诊 (benchmark)\"}"))
                .check(status().is(201)));
    }
}
