package org.ihospital.contracts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shared reference data of contracts/reference: ICD-10 codes, the drug dictionary, and the tables a
 * pharmacist's review is screened with (interactions and duplicate therapy by ATC code, allergy classes).
 */
public final class ReferenceData {

    /** An ICD-10 category a diagnosis may carry. */
    public record Icd10(String code, String titleEn, String titleZh) {
    }

    /** A dictionary drug: what a prescription item refers to. */
    public record Drug(String code, String genericName, String genericNameZh, String form, BigDecimal strength, String strengthUnit,
            String atc, int maxDailyUnits, int maxQuantity) {
    }

    /** Two kinds of pairs a pharmacist must see: drugs that interact, and two drugs of one therapeutic class. */
    public enum PairKind {
        INTERACTION, DUPLICATE_THERAPY
    }

    /** How much a screening finding matters. */
    public enum Severity {
        MINOR, MODERATE, MAJOR
    }

    /**
     * A pair of ATC codes or prefixes (any level, {@code C09} to {@code C09CA01}) whose drugs should not be
     * given together without a pharmacist's judgement, and why.
     */
    public record DrugPair(String atcA, String atcB, PairKind kind, Severity severity, String effectEn, String effectZh) {

        /** Whether two distinct ATC codes (of two items) make this pair, in either order. */
        public boolean matches(String atc1, String atc2) {
            return atc1.startsWith(atcA) && atc2.startsWith(atcB) || atc1.startsWith(atcB) && atc2.startsWith(atcA);
        }
    }

    /** How an allergy to a substance reaches a drug class: the class itself, or one that cross-reacts with it. */
    public enum AllergyRelation {
        SAME_CLASS, CROSS_REACTIVE
    }

    /** An allergy term (as recorded, lower case or Chinese) and an ATC prefix of drugs it concerns. */
    public record AllergyClass(String term, String atcPrefix, AllergyRelation relation, String note) {
    }

    /** A drug as the shipped insurance catalogue classes and prices it (fen per dispensing unit). */
    public record CatalogueEntry(String drugCode, String catalogueClass, long unitPrice, int quantityLimit) {
    }

    private static final Map<String, Icd10> ICD10 = load("icd10.csv",
            f -> new Icd10(f.get(0), f.get(1), f.get(2)), Icd10::code);
    private static final Map<String, Drug> DRUGS = load("drugs.csv",
            f -> new Drug(f.get(0), f.get(1), f.get(2), f.get(3), new BigDecimal(f.get(4)), f.get(5), f.get(6),
                    Integer.parseInt(f.get(7)), Integer.parseInt(f.get(8))),
            Drug::code);

    private static final Map<String, DrugPair> PAIRS = load("interactions.csv",
            f -> new DrugPair(f.get(0), f.get(1), PairKind.valueOf(f.get(2)), Severity.valueOf(f.get(3)), f.get(4), f.get(5)),
            p -> p.atcA() + "|" + p.atcB());
    private static final Map<String, AllergyClass> ALLERGY_CLASSES = load("allergy-classes.csv",
            f -> new AllergyClass(f.get(0), f.get(1), AllergyRelation.valueOf(f.get(2)), f.get(3)),
            a -> a.term() + "|" + a.atcPrefix());

    private static final Map<String, CatalogueEntry> CATALOGUE = load("insurance-catalogue.csv",
            f -> new CatalogueEntry(f.get(0), f.get(1), Long.parseLong(f.get(2)), Integer.parseInt(f.get(3))), CatalogueEntry::drugCode);

    private ReferenceData() {
    }

    public static Optional<Icd10> icd10(String code) {
        return Optional.ofNullable(code == null ? null : ICD10.get(code));
    }

    public static Optional<Drug> drug(String code) {
        return Optional.ofNullable(code == null ? null : DRUGS.get(code));
    }

    /**
     * ICD-10 categories whose code starts with {@code query} or whose English or Chinese title contains it
     * (case-insensitive; a blank query matches all), in code order, after the code {@code after} (null:
     * from the start), at most {@code limit}.
     */
    public static List<Icd10> searchIcd10(String query, String after, int limit) {
        String q = normalized(query);
        return page(ICD10.values().stream().filter(c -> q.isEmpty() || lower(c.code()).startsWith(q)
                || lower(c.titleEn()).contains(q) || c.titleZh().contains(q)).toList(), Icd10::code, after, limit);
    }

    /**
     * Dictionary drugs whose code starts with {@code query} or whose generic name (English or Chinese)
     * contains it, and whose ATC code starts with {@code atc} (both optional, case-insensitive), in code
     * order, after the code {@code after}, at most {@code limit}.
     */
    public static List<Drug> searchDrugs(String query, String atc, String after, int limit) {
        String q = normalized(query);
        String a = normalized(atc);
        return page(DRUGS.values().stream()
                .filter(d -> q.isEmpty() || lower(d.code()).startsWith(q) || lower(d.genericName()).contains(q)
                        || d.genericNameZh().contains(q))
                .filter(d -> a.isEmpty() || lower(d.atc()).startsWith(a)).toList(), Drug::code, after, limit);
    }

    private static <T> List<T> page(List<T> found, Function<T, String> code, String after, int limit) {
        return found.stream().sorted(java.util.Comparator.comparing(code))
                .filter(t -> after == null || code.apply(t).compareTo(after) > 0)
                .limit(limit).toList();
    }

    private static String normalized(String query) {
        return query == null ? "" : lower(query.strip());
    }

    private static String lower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** Every interaction and duplicate-therapy pair of {@code interactions.csv}, in file order. */
    public static List<DrugPair> drugPairs() {
        return List.copyOf(PAIRS.values());
    }

    /** Every allergy term of {@code allergy-classes.csv} with the drug class it concerns. */
    public static List<AllergyClass> allergyClasses() {
        return List.copyOf(ALLERGY_CLASSES.values());
    }

    /** The shipped insurance catalogue ({@code insurance-catalogue.csv}), in file order: the version operators start from. */
    public static List<CatalogueEntry> insuranceCatalogue() {
        return List.copyOf(CATALOGUE.values());
    }

    public static int icd10Count() {
        return ICD10.size();
    }

    public static int drugCount() {
        return DRUGS.size();
    }

    private static <T> Map<String, T> load(String file, Function<List<String>, T> row, Function<T, String> key) {
        Map<String, T> all = new LinkedHashMap<>();
        var in = ReferenceData.class.getResourceAsStream("/contracts/reference/" + file);
        if (in == null) {
            throw new IllegalStateException("missing reference file " + file);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine(); // header
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                T value;
                try {
                    value = row.apply(fields(line));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(file + " line " + number + " is malformed: " + line, e);
                }
                if (all.put(key.apply(value), value) != null) {
                    throw new IllegalStateException(file + " line " + number + " repeats " + key.apply(value));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Collections.unmodifiableMap(all);
    }

    /** Comma-separated fields; a field in double quotes may contain commas. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
