package org.ihospital.commons.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/** What a stored or received traceparent becomes: a parent to continue, or a new trace, never a failure. */
class TracesTest {

    @Test
    void aTraceparentRoundTripsThroughItsContext() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        SpanContext parent = Span.fromContext(Traces.parentOf(traceparent)).getSpanContext();

        assertThat(parent.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parent.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parent.isRemote()).isTrue();
        assertThat(Traces.traceparentOf(parent)).isEqualTo(traceparent);
        assertThat(Traces.valid(traceparent)).isTrue();
    }

    @Test
    void anUnsampledTraceStaysUnsampled() {
        SpanContext context = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getDefault(),
                TraceState.getDefault());

        assertThat(Traces.traceparentOf(context)).endsWith("-00");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" })
    void aMalformedTraceparentStartsANewTraceInsteadOfFailing(String traceparent) {
        assertThat(Span.fromContext(Traces.parentOf(traceparent)).getSpanContext().isValid()).isFalse();
        assertThat(Traces.valid(traceparent)).isFalse();
    }

    @Test
    void noTraceparentIsNoParent() {
        assertThat(Traces.valid(null)).isFalse();
        assertThat(Traces.traceparentOf(SpanContext.getInvalid())).isNull();
    }
}
