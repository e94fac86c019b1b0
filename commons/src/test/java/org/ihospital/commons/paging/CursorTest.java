package org.ihospital.commons.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** A cursor comes back as it was given, and anything else is a clear 400. */
class CursorTest {

    @Property
    void aCursorDecodesToWhereItWasMade(@ForAll @LongRange(min = 0, max = 253402300799L) long seconds, @ForAll long most,
            @ForAll long least) {
        Cursor cursor = new Cursor(Instant.ofEpochSecond(seconds, 123_456_000), new UUID(most, least));
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Property
    void aCursorIsUrlSafe(@ForAll long most, @ForAll long least) {
        assertThat(new Cursor(Instant.parse("2026-11-25T02:00:00Z"), new UUID(most, least)).encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void garbageIsAnInvalidCursor() {
        for (String garbage : new String[] { "", "not a cursor", "%%%", "bm90LWEtZGF0ZXwxMjM", "MjAyNi0xMS0yNVQwMjowMDowMFo" }) {
            assertThatThrownBy(() -> Cursor.decode(garbage)).as(garbage).isInstanceOf(Cursor.Invalid.class);
        }
    }
}
