package org.ihospital.consultation.reference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;

import org.ihospital.commons.testing.Keycloak;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReferenceTest {

    @Test
    void aDoctorFindsDiagnosesByChineseTitleAndPagesThroughThem() {
        given().header("Authorization", Keycloak.bearer("doctor-1")).queryParam("q", "高血压")
                .when().get("/api/v1/reference/icd10")
                .then().statusCode(200).body("items.code", hasItems("I10", "I11.9"), "items[0].titleZh", notNullValue());
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().header("Authorization", Keycloak.bearer("doctor-1")).queryParam("limit", 25)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get("/api/v1/reference/icd10").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items.code", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(all).doesNotHaveDuplicates().isSorted().hasSize(org.ihospital.contracts.ReferenceData.icd10Count());
    }

    @Test
    void drugsAreFoundByNameOrAtcClassAndOneByItsCode() {
        given().header("Authorization", Keycloak.bearer("pharmacist-1")).queryParam("q", "二甲双胍")
                .when().get("/api/v1/reference/drugs")
                .then().statusCode(200).body("items", hasSize(2), "items[0].atc", equalTo("A10BA02"), "nextCursor", equalTo(null));
        given().header("Authorization", Keycloak.bearer("doctor-1")).queryParam("atc", "C09CA").queryParam("limit", 2)
                .when().get("/api/v1/reference/drugs")
                .then().statusCode(200).body("items", hasSize(2), "nextCursor", notNullValue());
        given().header("Authorization", Keycloak.bearer("patient-1"))
                .when().get("/api/v1/reference/drugs/AMLODIPINE-5MG-TAB")
                .then().statusCode(200).body("genericNameZh", equalTo("氨氯地平"), "maxQuantity", equalTo(180));
        given().header("Authorization", Keycloak.bearer("doctor-1"))
                .when().get("/api/v1/reference/drugs/NO-SUCH-DRUG")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theListsNeedATokenAndSaneParameters() {
        given().when().get("/api/v1/reference/icd10").then().statusCode(401);
        given().header("Authorization", Keycloak.bearer("doctor-1")).queryParam("limit", 0)
                .when().get("/api/v1/reference/icd10").then().statusCode(400);
        given().header("Authorization", Keycloak.bearer("doctor-1")).queryParam("q", "x".repeat(101))
                .when().get("/api/v1/reference/drugs").then().statusCode(400);
    }
}
