package org.ihospital.commons.fhir;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of a resource FHIR wants one per medicine of something that holds several: {@code <id>-<line>} (a
 * prescription's item as a MedicationRequest, an order's line as a MedicationDispense).
 */
public record LineId(UUID parent, int line) {

    private static final Pattern ID = Pattern.compile("([0-9a-fA-F-]{36})-([1-9][0-9]{0,2})");

    /** The parent and the line an id names; empty for an id of another form. */
    public static Optional<LineId> parse(String id) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LineId(UUID.fromString(m.group(1)), Integer.parseInt(m.group(2))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return parent + "-" + line;
    }
}
