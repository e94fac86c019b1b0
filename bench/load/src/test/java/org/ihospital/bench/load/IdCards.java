package org.ihospital.bench.load;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Synthetic identities for the benchmark's patients: well-formed resident ID-card numbers (GB 11643: region,
 * birth date, sequence, ISO 7064 MOD 11-2 check character) and mobile numbers, different for each n. Made
 * up, they may still coincide with a real person's by chance: they go only into the local dev database, and
 * the benchmark never prints them.
 */
final class IdCards {

    static final String REGION = "110105";
    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final String CHECK = "10X98765432";

    private IdCards() {
    }

    static String idCard(int n) {
        LocalDate born = LocalDate.of(1940, 1, 1).plusDays(n % 20_000);
        String body = REGION + born.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", (n / 20_000) % 1000);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * WEIGHTS[i];
        }
        return body + CHECK.charAt(sum % 11);
    }

    static String phone(int n) {
        return "139" + String.format("%08d", n % 100_000_000);
    }
}
