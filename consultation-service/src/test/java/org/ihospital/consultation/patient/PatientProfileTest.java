package org.ihospital.consultation.patient;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.ihospital.commons.testing.Database;
import org.ihospital.commons.testing.Keycloak;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class PatientProfileTest {

    @Test
    void theOwnerSeesTheirNameAndPhoneAndOnlyAMaskedIdCard() {
        given().header("Authorization", Keycloak.bearer("patient-1")).contentType(ContentType.JSON)
                .body(Map.of("name", "王小明", "phone", "13812345678", "idCard", "11010519491231002X", "region", "310104"))
                .when().put("/api/v1/patients/me")
                .then().statusCode(200)
                .body("name", equalTo("王小明"), "phone", equalTo("13812345678"), "idCard", equalTo("110***********002X"),
                        "region", equalTo("310104"), "realNameVerified", equalTo(true));
        given().header("Authorization", Keycloak.bearer("patient-1")).when().get("/api/v1/patients/me")
                .then().statusCode(200).body("name", equalTo("王小明"), "phone", equalTo("13812345678"),
                        "idCard", equalTo("110***********002X"));
        assertThat(Database.rows("select phone, id_card from patient where user_id = ?", Keycloak.subject("patient-1")).get(0))
                .containsEntry("phone", "13812345678").containsEntry("id_card", "11010519491231002X");
    }

    @Test
    void anIdCardNumberWithAWrongCheckCharacterIsRefused() {
        given().header("Authorization", Keycloak.bearer("patient-2")).when().get("/api/v1/patients/me").then().statusCode(200);
        Map<String, String> before = Database.fingerprint("patient");
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .body(Map.of("name", "李雷", "idCard", "110105194912310021"))
                .when().put("/api/v1/patients/me")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("idCard"));
        given().header("Authorization", Keycloak.bearer("patient-2")).contentType(ContentType.JSON)
                .body(Map.of("name", "李雷", "phone", "12345"))
                .when().put("/api/v1/patients/me")
                .then().statusCode(400).body("errors[0].field", equalTo("phone"));
        assertThat(Database.fingerprint("patient")).isEqualTo(before);
    }

    @Test
    void onlyPatientsHaveAPatientProfile() {
        given().header("Authorization", Keycloak.bearer("doctor-1")).when().get("/api/v1/patients/me").then().statusCode(403);
    }
}
