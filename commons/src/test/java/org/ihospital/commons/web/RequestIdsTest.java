package org.ihospital.commons.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    private static final String CANONICAL = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void keepsTheCallersUuid() {
        assertThat(RequestIds.saneOrNew("0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7b")).isEqualTo("0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7b");
    }

    @Test
    void keepsAnUpperCaseUuidInItsCanonicalLowerCaseForm() {
        assertThat(RequestIds.saneOrNew("0B5E9D4C-2F7A-4C1E-9A6B-3D8F1E2C4A7B")).isEqualTo("0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7b");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "app-42", // sane-looking, but not an id we can trust to be unique
            "0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7b0", // one character too long
            "0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7", // one too short
            "0b5e9d4c2f7a4c1e9a6b3d8f1e2c4a7b", // no hyphens
            "{0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7b}",
            "0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7z",
            " 0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7b",
            "0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7b\n",
            "0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7b\r\nX-Admin: 1",
            "x\" onload=1 {}",
            "０b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7b" // a full-width digit
    })
    void replacesAnythingElseWithANewUuid(String candidate) {
        String id = RequestIds.saneOrNew(candidate);
        assertThat(id).matches(CANONICAL).isNotEqualTo(candidate);
    }

    @Test
    void replacesAnOverlongId() {
        char[] long128 = new char[128];
        Arrays.fill(long128, 'a');
        assertThat(RequestIds.saneOrNew(new String(long128))).matches(CANONICAL);
        assertThat(RequestIds.saneOrNew("0b5e9d4c-2f7a-4c1e-9a6b-3d8f1e2c4a7b".repeat(1_000))).matches(CANONICAL);
    }

    @Test
    void aReplacementIsNewEachTime() {
        assertThat(RequestIds.saneOrNew("app-42")).isNotEqualTo(RequestIds.saneOrNew("app-42"));
    }
}
