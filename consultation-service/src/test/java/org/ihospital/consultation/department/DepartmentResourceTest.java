package org.ihospital.consultation.department;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import org.ihospital.commons.testing.Keycloak;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DepartmentResourceTest {

    @Test
    void anyoneSignedInSeesTheDepartmentsInDisplayOrder() {
        for (String user : new String[] { "patient-1", "doctor-1", "operator-1" }) {
            given().header("Authorization", Keycloak.bearer(user))
                    .when().get("/api/v1/departments")
                    .then().statusCode(200)
                    .body("size()", greaterThanOrEqualTo(15),
                            "[0].code", equalTo("CARDIOLOGY"), "[0].nameZh", equalTo("心血管内科"),
                            "[1].code", equalTo("ENDOCRINOLOGY"),
                            "code", everyItem(matchesPattern("[A-Z][A-Z0-9_]+")),
                            "code", hasItems("GENERAL_PRACTICE", "GERIATRICS"));
        }
    }

    @Test
    void withoutATokenItIsA401Problem() {
        given().when().get("/api/v1/departments")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("/problems/unauthorized"), "requestId", notNullValue());
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        // partner-pharmacy-1's token is for the pharmacy API, not for this service
        given().header("Authorization", "Bearer " + Keycloak.clientToken("partner-pharmacy-1", "partner-pharmacy-1-secret"))
                .when().get("/api/v1/departments")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
