package org.ihospital.pharmacy;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.ihospital.commons.testing.Keycloak;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Partner pharmacies registered through the API for a test: each its own Keycloak client, licence and secret. */
public final class Partners {

    /** A registered partner: its id, its webhook secret, its client. */
    public record Registered(UUID id, String secret, Keycloak.Client client) {
    }

    private Partners() {
    }

    public static String licence() {
        return "沪" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
    }

    public static Registered register(String webhookUrl, List<String> regions) {
        Keycloak.Client client = Keycloak.newPartnerClient("partner");
        JsonPath answer = given().header("Authorization", Keycloak.bearer("operator-1")).contentType(ContentType.JSON)
                .body(body("Test pharmacy " + client.clientId(), licence(), regions, webhookUrl, client.clientId()))
                .post("/api/v1/pharmacies").then().statusCode(201).extract().jsonPath();
        return new Registered(UUID.fromString(answer.getString("partner.id")), answer.getString("webhookSecret"), client);
    }

    /** {@code POST …/{id}/secret:rotate}, the colon sent as it is (RestAssured would encode it). */
    public static io.restassured.response.Response rotate(String bearer, UUID partner) {
        return given().urlEncodingEnabled(false).header("Authorization", bearer).post("/api/v1/pharmacies/" + partner + "/secret:rotate");
    }

    public static String body(String name, String licence, List<String> regions, String webhookUrl, String clientId) {
        return """
                {"name":"%s","licenceNumber":"%s","regions":[%s],"webhookUrl":"%s","clientId":"%s"}"""
                .formatted(name, licence, String.join(",", regions.stream().map(r -> "\"" + r + "\"").toList()), webhookUrl, clientId);
    }
}
