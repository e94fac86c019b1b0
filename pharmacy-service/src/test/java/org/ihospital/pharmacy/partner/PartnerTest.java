package org.ihospital.pharmacy.partner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.ihospital.pharmacy.Partners;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Operators register partner pharmacies; a partner sees itself and keeps its stock, and nobody else's. */
@QuarkusTest
class PartnerTest {

    private static final String URL = "https://pharmacy.example.test/hooks";

    private static Response register(String user, String body) {
        return given().header("Authorization", Keycloak.bearer(user)).contentType(ContentType.JSON).body(body).post("/api/v1/pharmacies");
    }

    private static Response putStock(String bearer, UUID partner, String body) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(body).put("/api/v1/pharmacies/{id}/stock", partner);
    }

    @Test
    void registrationAnswersTheWebhookSecretOnceAndKeepsItSealed() {
        var client = Keycloak.newPartnerClient("partner");
        var answer = register("operator-1", Partners.body("仁心大药房", Partners.licence(), List.of("310104", "310101"), URL, client.clientId()))
                .then().statusCode(201).header("Cache-Control", "no-store")
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/pharmacies/"))
                .body("partner.regions", contains("310101", "310104"))
                .body("webhookSecret", startsWith("whsec_")).extract().jsonPath();
        UUID id = UUID.fromString(answer.getString("partner.id"));
        String secret = answer.getString("webhookSecret");

        var stored = Database.rows("select ciphertext from partner_secret where partner_id = ?", id);
        assertThat(stored).hasSize(1);
        assertThat(new String((byte[]) stored.get(0).get("ciphertext"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(secret.substring(6));
        given().header("Authorization", Keycloak.bearer("operator-1")).get("/api/v1/pharmacies/{id}", id).then().statusCode(200)
                .body("name", equalTo("仁心大药房")).body("webhookSecret", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aPartnerSeesItselfAndNoOtherPartner() {
        var one = Partners.register(URL, List.of("310104"));
        var other = Partners.register(URL, List.of("310104"));
        given().header("Authorization", one.client().bearer()).get("/api/v1/pharmacies/{id}", one.id()).then().statusCode(200)
                .body("id", equalTo(one.id().toString()));
        given().header("Authorization", one.client().bearer()).get("/api/v1/pharmacies/{id}", other.id()).then().statusCode(404);
        given().header("Authorization", one.client().bearer()).get("/api/v1/pharmacies").then().statusCode(403);
        given().header("Authorization", Keycloak.bearer("patient-1")).get("/api/v1/pharmacies/{id}", one.id()).then().statusCode(403);
    }

    @Test
    void aLicenceOrAClientIsOnePartnersAlsoWhenTwoOperatorsRegisterAtOnce() throws Exception {
        var client = Keycloak.newPartnerClient("partner");
        String licence = Partners.licence();
        var pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return register("operator-1", Partners.body("Twin", licence, List.of("310104"), URL, client.clientId())).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var a : answers) {
                statuses.add(a.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Database.count("select count(*) from partner where licence_number = ?", licence)).isEqualTo(1);
        register("operator-1", Partners.body("Other", Partners.licence(), List.of("310104"), URL, client.clientId())).then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("/partner-already-registered"));
    }

    @Test
    void badRegistrationsAreProblemsAndChangeNothing() {
        String before = Database.fingerprint("partner").get("partner");
        String client = "partner-bad-" + UUID.randomUUID();
        register("operator-1", Partners.body("X", Partners.licence(), List.of("999999"), URL, client)).then().statusCode(400)
                .body("errors.field", hasItem(startsWith("regions")));
        register("operator-1", Partners.body("X", Partners.licence(), List.of(), URL, client)).then().statusCode(400);
        register("operator-1", Partners.body("X", Partners.licence(), List.of("310104"), "http://pharmacy.example.test/hooks", client))
                .then().statusCode(400).body("errors.field", hasItem("webhookUrl"));
        register("operator-1", Partners.body("X", Partners.licence(), List.of("310104"), "not a url", client)).then().statusCode(400);
        register("operator-1", Partners.body("X", Partners.licence(), List.of("310104"), "https://user:pw@pharmacy.example.test/", client))
                .then().statusCode(400);
        register("operator-1", Partners.body("", Partners.licence(), List.of("310104"), URL, client)).then().statusCode(400);
        register("operator-1", Partners.body("X", Partners.licence(), List.of("310104"), URL, "bad client id!")).then().statusCode(400);
        register("operator-1", "{\"name\":\"X\"}").then().statusCode(400);
        register("pharmacist-1", Partners.body("X", Partners.licence(), List.of("310104"), URL, client)).then().statusCode(403);
        assertThat(Database.fingerprint("partner").get("partner")).isEqualTo(before);
    }

    @Test
    void rotationIssuesANewSecretAndKeepsThePreviousForTheGracePeriod() {
        var partner = Partners.register(URL, List.of("310104"));
        var rotated = Partners.rotate(Keycloak.bearer("operator-1"), partner.id())
                .then().statusCode(200).header("Cache-Control", "no-store").extract().jsonPath();
        String fresh = rotated.getString("webhookSecret");
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(partner.secret());
        Instant until = Instant.parse(rotated.getString("previousSecretValidUntil"));
        assertThat(Duration.between(Instant.now(), until)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
        assertThat(Database.count("select count(*) from partner_secret where partner_id = ?", partner.id())).isEqualTo(2);

        Partners.rotate(partner.client().bearer(), partner.id())
                .then().statusCode(403);
        Partners.rotate(Keycloak.bearer("operator-1"), UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void aPartnerReportsItsWholeStockAndOnlyItsOwn() {
        var partner = Partners.register(URL, List.of("310104"));
        var other = Partners.register(URL, List.of("310104"));
        putStock(partner.client().bearer(), partner.id(), "{\"AMLODIPINE-5MG-TAB\":120,\"METFORMIN-500MG-TAB\":300}").then().statusCode(200)
                .body("items.drugCode", contains("AMLODIPINE-5MG-TAB", "METFORMIN-500MG-TAB"))
                .body("items[0].available", equalTo(120));
        // the next report is the whole stock: metformin is gone
        putStock(partner.client().bearer(), partner.id(), "{\"AMLODIPINE-5MG-TAB\":80}").then().statusCode(200)
                .body("items.find { it.drugCode == 'METFORMIN-500MG-TAB' }.onHand", equalTo(0))
                .body("items.find { it.drugCode == 'AMLODIPINE-5MG-TAB' }.onHand", equalTo(80));

        String before = Database.fingerprint("stock").get("stock");
        putStock(other.client().bearer(), partner.id(), "{\"AMLODIPINE-5MG-TAB\":1}").then().statusCode(404);
        putStock(Keycloak.bearer("operator-1"), partner.id(), "{\"AMLODIPINE-5MG-TAB\":1}").then().statusCode(403);
        putStock(partner.client().bearer(), partner.id(), "{\"AMLODIPINE-5MG-TAB\":-1}").then().statusCode(400)
                .body("errors.field", hasItem("AMLODIPINE-5MG-TAB"));
        putStock(partner.client().bearer(), partner.id(), "{\"AMLODIPINE-5MG-TAB\":5,\"NO-SUCH-DRUG\":5}").then().statusCode(400)
                .body("errors.field", contains("NO-SUCH-DRUG"));
        putStock(partner.client().bearer(), partner.id(), "{\"AMLODIPINE-5MG-TAB\":2.5}").then().statusCode(400);
        putStock(partner.client().bearer(), partner.id(), "{\"AMLODIPINE-5MG-TAB\":\"5\"}").then().statusCode(400);
        putStock(partner.client().bearer(), partner.id(), "{\"AMLODIPINE-5MG-TAB\":null}").then().statusCode(400);
        putStock(partner.client().bearer(), partner.id(), "[]").then().statusCode(400);
        putStock(partner.client().bearer(), UUID.randomUUID(), "{}").then().statusCode(404);
        assertThat(Database.fingerprint("stock").get("stock")).isEqualTo(before);

        given().header("Authorization", Keycloak.bearer("operator-1")).get("/api/v1/pharmacies/{id}/stock", partner.id()).then().statusCode(200)
                .body("items.size()", equalTo(2));
        given().header("Authorization", other.client().bearer()).get("/api/v1/pharmacies/{id}/stock", partner.id()).then().statusCode(404);
    }
}
