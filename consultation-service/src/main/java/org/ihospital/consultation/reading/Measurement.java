package org.ihospital.consultation.reading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a patient or their device measured, in the hospital's units, checked against what a living person can
 * show (a typo or a device fault, never stored as a reading a doctor would act on). Each kind knows its unit
 * and the units it converts from; a value outside its range is refused with the reason, field by field.
 */
public sealed interface Measurement {

    /** The kind of a reading, as the API names it. */
    enum Kind {
        BLOOD_PRESSURE, GLUCOSE, WEIGHT, HBA1C
    }

    /** When a glucose sample was taken, relative to a meal (targets differ). */
    enum Timing {
        FASTING, AFTER_MEAL, RANDOM
    }

    Kind kind();

    /** The value in the kind's unit, to one decimal (systolic pressure for blood pressure): what trends are drawn from. */
    BigDecimal primary();

    /** Blood pressure in mmHg (systolic over diastolic), and the pulse in beats a minute when the device gave one. */
    record BloodPressure(int systolic, int diastolic, Integer pulse) implements Measurement {
        public BloodPressure {
            List<String> wrong = new ArrayList<>();
            range(wrong, "systolic", systolic, 50, 300, "mmHg");
            range(wrong, "diastolic", diastolic, 25, 200, "mmHg");
            if (diastolic >= systolic) {
                wrong.add("diastolic: must be below the systolic pressure");
            }
            if (pulse != null) {
                range(wrong, "pulse", pulse, 20, 250, "beats a minute");
            }
            refuse(wrong);
        }

        @Override
        public Kind kind() {
            return Kind.BLOOD_PRESSURE;
        }

        @Override
        public BigDecimal primary() {
            return BigDecimal.valueOf(systolic).setScale(1);
        }
    }

    /** Blood glucose in mmol/L (mg/dL is converted: 18.0 mg/dL = 1 mmol/L), with its timing. */
    record Glucose(BigDecimal mmolPerLitre, Timing timing) implements Measurement {
        public Glucose {
            mmolPerLitre = plausible(mmolPerLitre, "1.0", "40.0", "mmol/L");
        }

        @Override
        public Kind kind() {
            return Kind.GLUCOSE;
        }

        @Override
        public BigDecimal primary() {
            return mmolPerLitre;
        }
    }

    /** Body weight in kg (lb converted). */
    record Weight(BigDecimal kilograms) implements Measurement {
        public Weight {
            kilograms = plausible(kilograms, "2.0", "350.0", "kg");
        }

        @Override
        public Kind kind() {
            return Kind.WEIGHT;
        }

        @Override
        public BigDecimal primary() {
            return kilograms;
        }
    }

    /** Glycated haemoglobin in % (NGSP; IFCC mmol/mol converted: % = 0.0915 × mmol/mol + 2.15). */
    record HbA1c(BigDecimal percent) implements Measurement {
        public HbA1c {
            percent = plausible(percent, "3.0", "20.0", "%");
        }

        @Override
        public Kind kind() {
            return Kind.HBA1C;
        }

        @Override
        public BigDecimal primary() {
            return percent;
        }
    }

    /**
     * A value as the app or device sent it, in the unit it names, turned into the hospital's unit.
     *
     * @throws ReadingProblems.ImplausibleReading for an unknown unit or a value no living person shows
     */
    static Measurement of(Kind kind, String unit, BigDecimal value, Integer systolic, Integer diastolic, Integer pulse, Timing timing) {
        String u = unit == null ? "" : unit.strip();
        return switch (kind) {
            case BLOOD_PRESSURE -> {
                requireUnit(u, "mmHg");
                if (systolic == null || diastolic == null) {
                    throw new ReadingProblems.ImplausibleReading(List.of("systolic and diastolic: both are needed for a blood pressure"));
                }
                yield new BloodPressure(systolic, diastolic, pulse);
            }
            case GLUCOSE -> {
                BigDecimal v = required(value);
                if (timing == null) {
                    throw new ReadingProblems.ImplausibleReading(List.of("timing: FASTING, AFTER_MEAL or RANDOM is needed for a glucose"));
                }
                yield switch (u) {
                    case "mmol/L" -> new Glucose(v, timing);
                    case "mg/dL" -> new Glucose(v.divide(BigDecimal.valueOf(18), 3, RoundingMode.HALF_UP), timing);
                    default -> throw unit(u, "mmol/L or mg/dL");
                };
            }
            case WEIGHT -> switch (u) {
                case "kg" -> new Weight(required(value));
                case "lb" -> new Weight(required(value).multiply(new BigDecimal("0.45359237")));
                default -> throw unit(u, "kg or lb");
            };
            case HBA1C -> switch (u) {
                case "%" -> new HbA1c(required(value));
                case "mmol/mol" -> new HbA1c(required(value).multiply(new BigDecimal("0.0915")).add(new BigDecimal("2.15")));
                default -> throw unit(u, "% or mmol/mol");
            };
        };
    }

    private static BigDecimal required(BigDecimal value) {
        if (value == null) {
            throw new ReadingProblems.ImplausibleReading(List.of("value: needed"));
        }
        return value;
    }

    private static void requireUnit(String unit, String expected) {
        if (!expected.equals(unit)) {
            throw unit(unit, expected);
        }
    }

    private static ReadingProblems.ImplausibleReading unit(String unit, String expected) {
        return new ReadingProblems.ImplausibleReading(List.of("unit: '" + unit + "' is not a unit of this kind (" + expected + ")"));
    }

    private static void range(List<String> wrong, String field, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            wrong.add(field + ": " + value + " " + unit + " is not a value a person shows (" + min + " to " + max + ")");
        }
    }

    /** A one-value measurement to one decimal, refused unless a person can show it ({@code min} to {@code max}). */
    private static BigDecimal plausible(BigDecimal value, String min, String max, String unit) {
        BigDecimal v = value.setScale(1, RoundingMode.HALF_UP);
        if (v.compareTo(new BigDecimal(min)) < 0 || v.compareTo(new BigDecimal(max)) > 0) {
            refuse(List.of("value: " + v.toPlainString() + " " + unit + " is not a value a person shows (" + min + " to " + max + ")"));
        }
        return v;
    }

    private static void refuse(List<String> wrong) {
        if (!wrong.isEmpty()) {
            throw new ReadingProblems.ImplausibleReading(wrong);
        }
    }
}
