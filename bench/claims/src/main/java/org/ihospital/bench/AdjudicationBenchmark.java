package org.ihospital.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.ihospital.contracts.ReferenceData;
import org.ihospital.insurance.catalogue.CatalogueClass;
import org.ihospital.insurance.catalogue.CatalogueItem;
import org.ihospital.insurance.claim.Adjudication;
import org.ihospital.insurance.claim.CostControl;
import org.ihospital.insurance.claim.YearToDate;
import org.ihospital.insurance.policy.Benefits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The claim rules alone (plain Java, no server): splitting a prescription against a policy and a year,
 * and cost control's checks, in claims per second on one thread. The ceiling that everything around
 * them (Kafka, PostgreSQL, the payers) is compared with.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AdjudicationBenchmark {

    private final Map<String, CatalogueItem> catalogue = ReferenceData.insuranceCatalogue().stream().collect(Collectors.toMap(
            ReferenceData.CatalogueEntry::drugCode,
            e -> new CatalogueItem(e.drugCode(), CatalogueClass.valueOf(e.catalogueClass()), e.unitPrice(), e.quantityLimit())));
    private final Benefits benefits = new Benefits(20_000, 800_000, 1_000, 8_000, new Benefits.Supplementary(5_000, 300_000, false));
    /** Half-way through a year: the deductible used up, part of both caps. */
    private final YearToDate year = new YearToDate(20_000, 250_000, 40_000);
    private final List<Adjudication.Line> threeLines = List.of(new Adjudication.Line(1, "AMLODIPINE-5MG-TAB", 30),
            new Adjudication.Line(2, "SITAGLIPTIN-100MG-TAB", 30), new Adjudication.Line(3, "ATORVASTATIN-20MG-TAB", 30));
    private final CostControl costControl = new CostControl(Set.of(CostControl.Kind.QUANTITY_OVER_LIMIT, CostControl.Kind.DUPLICATE_THERAPY),
            Duration.ofDays(20));
    private final Instant now = Instant.parse("2026-07-01T02:00:00Z");
    private final List<CostControl.Line> checked = List.of(new CostControl.Line(1, "AMLODIPINE-5MG-TAB", "C08CA01", 30, 90),
            new CostControl.Line(2, "SITAGLIPTIN-100MG-TAB", "A10BH01", 30, 90), new CostControl.Line(3, "ATORVASTATIN-20MG-TAB", "C10AA05", 30, 90));
    /** A year of monthly claims of the same three drugs, one still active. */
    private final List<CostControl.Earlier> earlier = java.util.stream.IntStream.range(1, 7).boxed().flatMap(m -> checked.stream()
            .map(l -> new CostControl.Earlier(l.drugCode(), l.atc(), now.minus(Duration.ofDays(30L * m)), m == 1))).toList();

    @Benchmark
    public Adjudication.Split splitThreeLines() {
        return Adjudication.adjudicate(threeLines, catalogue, benefits, year);
    }

    @Benchmark
    public List<CostControl.Flag> costControlThreeLines() {
        return costControl.check(checked, earlier, now);
    }
}
