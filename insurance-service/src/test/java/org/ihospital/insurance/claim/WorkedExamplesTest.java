package org.ihospital.insurance.claim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.ihospital.contracts.ReferenceData;
import org.ihospital.insurance.catalogue.CatalogueClass;
import org.ihospital.insurance.catalogue.CatalogueItem;
import org.ihospital.insurance.policy.Benefits;
import org.junit.jupiter.api.Test;

/**
 * docs/insurance.md's worked example, checked to the fen: this test reads the page's policy table and
 * its year of claims and holds every figure against {@link Adjudication}.
 */
class WorkedExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "insurance.md");

    private static final Map<String, CatalogueItem> CATALOGUE = ReferenceData.insuranceCatalogue().stream().collect(Collectors.toMap(
            ReferenceData.CatalogueEntry::drugCode,
            e -> new CatalogueItem(e.drugCode(), CatalogueClass.valueOf(e.catalogueClass()), e.unitPrice(), e.quantityLimit())));

    /** The rows of the markdown table whose header starts with {@code firstHeader}, cells trimmed. */
    private static List<List<String>> table(List<String> page, String firstHeader) {
        List<List<String>> rows = new ArrayList<>();
        boolean in = false;
        for (String line : page) {
            if (!line.startsWith("|")) {
                in = false;
                continue;
            }
            List<String> cells = List.of(line.substring(1, line.lastIndexOf('|')).split("\\|")).stream().map(String::strip).toList();
            if (cells.get(0).equals(firstHeader)) {
                in = true;
            } else if (in && !cells.get(0).startsWith("---")) {
                rows.add(cells);
            }
        }
        assertThat(rows).as("the table starting with '%s' in %s", firstHeader, PAGE).isNotEmpty();
        return rows;
    }

    private static long fen(String yuan) {
        assertThat(yuan).matches("[0-9]+\\.[0-9]{2}");
        return Long.parseLong(yuan.replace(".", ""));
    }

    private static int basisPoints(String percent) {
        assertThat(percent).matches("[0-9]+%");
        return Integer.parseInt(percent.substring(0, percent.length() - 1)) * 100;
    }

    @Test
    void everyFigureOfTheWorkedExampleIsWhatTheCodeComputes() throws IOException {
        List<String> page = Files.readAllLines(PAGE);
        Map<String, String> terms = new HashMap<>();
        table(page, "term").forEach(row -> terms.put(row.get(0), row.get(1)));
        Benefits benefits = new Benefits(fen(terms.get("deductible")), fen(terms.get("annual cap")), basisPoints(terms.get("class B self-pay")),
                basisPoints(terms.get("reimbursement")), new Benefits.Supplementary(basisPoints(terms.get("supplementary reimbursement")),
                        fen(terms.get("supplementary annual cap")), terms.get("supplementary covers class C").equals("yes")));

        YearToDate year = YearToDate.NONE;
        Map<String, YearToDate> taken = new LinkedHashMap<>();
        List<List<String>> events = table(page, "#");
        assertThat(events).hasSizeGreaterThanOrEqualTo(12);
        for (List<String> row : events) {
            String claim = row.get(1);
            if (claim.startsWith("void ")) {
                year = year.minus(taken.remove(claim.substring(5)));
            } else {
                List<Adjudication.Line> lines = new ArrayList<>();
                for (String item : row.get(2).split(",")) {
                    String[] parts = item.strip().split(" × ");
                    lines.add(new Adjudication.Line(lines.size() + 1, parts[0], Integer.parseInt(parts[1])));
                }
                var split = Adjudication.adjudicate(lines, CATALOGUE, benefits, year);
                assertThat(List.of(split.total(), split.basicPays(), split.supplementaryPays(), split.patientPays())).as("claim %s", claim)
                        .containsExactly(fen(row.get(3)), fen(row.get(4)), fen(row.get(5)), fen(row.get(6)));
                taken.put(claim, split.takes());
                year = year.plus(split.takes());
            }
            assertThat(year).as("the year after %s", claim).isEqualTo(new YearToDate(fen(row.get(7)), fen(row.get(8)), fen(row.get(9))));
        }
    }
}
