package org.ihospital.consultation.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.ihospital.consultation.reading.Measurement.Kind;
import org.ihospital.consultation.reading.Measurement.Timing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Readings in the hospital's units, and nothing a living person cannot show. */
class MeasurementTest {

    private static Measurement value(Kind kind, String unit, String value, Timing timing) {
        return Measurement.of(kind, unit, new BigDecimal(value), null, null, null, timing);
    }

    @Test
    void aBloodPressureIsSystolicOverDiastolicInMmHg() {
        var bp = (Measurement.BloodPressure) Measurement.of(Kind.BLOOD_PRESSURE, "mmHg", null, 138, 86, 72, null);

        assertThat(bp.systolic()).isEqualTo(138);
        assertThat(bp.diastolic()).isEqualTo(86);
        assertThat(bp.pulse()).isEqualTo(72);
        assertThat(bp.primary()).isEqualByComparingTo("138");
    }

    @ParameterizedTest(name = "{0}/{1} pulse {2}")
    @CsvSource({ "400,90,", "138,300,", "45,30,", "120,130,", "120,80,300", "120,80,10" })
    void refusesABloodPressureNoPersonShows(int systolic, int diastolic, Integer pulse) {
        assertThatThrownBy(() -> Measurement.of(Kind.BLOOD_PRESSURE, "mmHg", null, systolic, diastolic, pulse, null))
                .isInstanceOf(ReadingProblems.ImplausibleReading.class);
    }

    @Test
    void aBloodPressureNeedsBothPressures() {
        assertThatThrownBy(() -> Measurement.of(Kind.BLOOD_PRESSURE, "mmHg", null, 130, null, null, null))
                .isInstanceOf(ReadingProblems.ImplausibleReading.class).hasMessageContaining("systolic and diastolic");
    }

    @Test
    void glucoseInMgPerDecilitreIsConvertedToMmolPerLitre() {
        var g = (Measurement.Glucose) value(Kind.GLUCOSE, "mg/dL", "126", Timing.FASTING);

        assertThat(g.mmolPerLitre()).isEqualByComparingTo("7.0");
        assertThat(g.timing()).isEqualTo(Timing.FASTING);
    }

    @Test
    void glucoseNeedsItsTiming() {
        assertThatThrownBy(() -> value(Kind.GLUCOSE, "mmol/L", "6.1", null)).isInstanceOf(ReadingProblems.ImplausibleReading.class)
                .hasMessageContaining("timing");
    }

    @Test
    void weightInPoundsAndHbA1cInMmolPerMolAreConverted() {
        assertThat(value(Kind.WEIGHT, "lb", "154", null).primary()).isEqualByComparingTo("69.9");
        assertThat(value(Kind.HBA1C, "mmol/mol", "53", null).primary()).isEqualByComparingTo("7.0");
    }

    @ParameterizedTest(name = "{0} {2} {1}")
    @CsvSource({ "GLUCOSE,mmol/L,0.2", "GLUCOSE,mmol/L,55", "GLUCOSE,mg/dL,900", "WEIGHT,kg,0.5", "WEIGHT,kg,720", "HBA1C,%,1.5",
            "HBA1C,%,25" })
    void refusesValuesNoPersonShows(Kind kind, String unit, String value) {
        assertThatThrownBy(() -> value(kind, unit, value, Timing.RANDOM)).isInstanceOf(ReadingProblems.ImplausibleReading.class)
                .hasMessageContaining("is not a value a person shows");
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({ "BLOOD_PRESSURE,kPa", "GLUCOSE,mmol", "WEIGHT,jin", "HBA1C,mg/dL" })
    void refusesAUnitOfAnotherKind(Kind kind, String unit) {
        assertThatThrownBy(() -> Measurement.of(kind, unit, BigDecimal.TEN, 120, 80, null, Timing.RANDOM))
                .isInstanceOf(ReadingProblems.ImplausibleReading.class).hasMessageContaining("is not a unit of this kind");
    }

    @Test
    void aRefusalNamesTheReadingOfTheBatch() {
        var refusal = new ReadingProblems.ImplausibleReading(java.util.List.of("systolic: 400 mmHg is not a value a person shows"));

        assertThat(refusal.at(3).fieldErrors()).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("readings[3].systolic"));
    }
}
