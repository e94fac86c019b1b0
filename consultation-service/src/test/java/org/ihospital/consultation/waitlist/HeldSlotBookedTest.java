package org.ihospital.consultation.waitlist;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.consultation.Clinic;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A patient holding an offer may take the held slot without accepting: by booking it, or by moving a
 * visit into it. Either way their place is served at once, and when the hold would have run out the
 * booked slot stays booked (it is never offered again or opened to everyone).
 */
@QuarkusTest
class HeldSlotBookedTest {

    private static String slotStatus(UUID slot) {
        return (String) Database.rows("select status from slot where id = ?", slot).get(0).get("status");
    }

    private static Map<String, Object> place(String id) {
        return Database.rows("select status, appointment_id from waitlist_entry where id = ?::uuid", id).get(0);
    }

    /** A full day of one slot, freed for a waiting patient: returns the waiting place, its patient and the held slot. */
    private static Object[] heldFor(String waiter) {
        UUID doctor = Clinic.doctor("doctor-2");
        Clinic.Day day = Clinic.freshDay(doctor, 1);
        UUID slot = day.slots().get(0);
        String holder = Keycloak.newUser("holder", "patient");
        UUID appointment = Clinic.book(holder, slot);
        Clinic.realName(waiter);
        String place = given().header("Authorization", Keycloak.bearer(waiter)).contentType(ContentType.JSON)
                .body(Map.of("doctorId", doctor.toString(), "day", day.day().toString()))
                .when().post("/api/v1/waitlist").then().statusCode(201).extract().path("id");
        given().header("Authorization", Keycloak.bearer(holder)).contentType(ContentType.JSON)
                .when().post("/api/v1/appointments/" + appointment + "/cancel").then().statusCode(200);
        assertThat(slotStatus(slot)).isEqualTo("HELD");
        return new Object[] { place, slot, doctor };
    }

    @Test
    void bookingTheHeldSlotDirectlyServesThePlaceAndTheBookingSurvivesTheHoldsEnd() {
        String waiter = Keycloak.newUser("waiter", "patient");
        Object[] held = heldFor(waiter);
        String place = (String) held[0];
        UUID slot = (UUID) held[1];

        String booked = given().header("Authorization", Keycloak.bearer(waiter)).contentType(ContentType.JSON)
                .body(Map.of("slotId", slot.toString(), "reason", "booked the offered slot myself"))
                .when().post("/api/v1/appointments").then().statusCode(201).extract().path("id");
        assertThat(place(place)).containsEntry("status", "ACCEPTED").containsEntry("appointment_id", UUID.fromString(booked));

        // the hold (3 s in tests) would have run out and the sweep (1 s) has run: the slot is still the waiter's
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> "BOOKED".equals(slotStatus(slot)));
        assertThat(Database.rows("select status from appointment where id = ?::uuid", booked).get(0).get("status")).isEqualTo("BOOKED");
        given().header("Authorization", Keycloak.bearer(waiter)).contentType(ContentType.JSON)
                .when().post("/api/v1/waitlist/" + place + "/accept").then().statusCode(409).body("type", equalTo("/problems/no-offer"));
    }

    @Test
    void movingAVisitIntoTheHeldSlotServesThePlaceToo() {
        String waiter = Keycloak.newUser("waiter", "patient");
        Object[] held = heldFor(waiter);
        String place = (String) held[0];
        UUID slot = (UUID) held[1];
        UUID doctor = (UUID) held[2];
        List<UUID> other = Clinic.freshSlots(doctor, 1);
        UUID visit = Clinic.book(waiter, other.get(0));

        given().header("Authorization", Keycloak.bearer(waiter)).contentType(ContentType.JSON).body(Map.of("slotId", slot.toString()))
                .when().post("/api/v1/appointments/" + visit + "/reschedule").then().statusCode(200)
                .body("slotId", equalTo(slot.toString()));
        assertThat(place(place)).containsEntry("status", "ACCEPTED").containsEntry("appointment_id", visit);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> "BOOKED".equals(slotStatus(slot)));
        assertThat(slotStatus(other.get(0))).as("the slot given up is free again").isEqualTo("OPEN");
    }
}
