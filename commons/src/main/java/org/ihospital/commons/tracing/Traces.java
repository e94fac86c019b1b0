package org.ihospital.commons.tracing;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;

/**
 * Carries a flow's trace where HTTP headers do not reach (ADR 0023): through the outbox and Kafka (the
 * W3C {@code traceparent} stored with the outbox row and sent as the CloudEvents {@code traceparent}
 * extension) and across the saga's human steps (an aggregate remembers the trace it was born in, and a
 * later request on it, a pharmacist's decision or a patient's order, continues that trace with a link
 * to its own request). Quarkus traces HTTP in and out by itself.
 */
@ApplicationScoped
public class Traces {

    /** The CloudEvents extension (distributed tracing) and the outbox column that carry the trace. */
    public static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<String> HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    public Traces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The W3C traceparent of the current span; {@code null} outside any trace (or with tracing off). */
    public static String current() {
        return traceparentOf(Span.current().getSpanContext());
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, or {@code null} for an invalid context. */
    public static String traceparentOf(SpanContext span) {
        return span.isValid() ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex() : null;
    }

    /**
     * The context a stored or received traceparent names; the root context when it is absent or malformed
     * (a bad header starts a new trace, it never fails an event).
     */
    public static Context parentOf(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent.trim(), HEADER);
    }

    /** Whether the traceparent names a valid span context. */
    public static boolean valid(String traceparent) {
        return Span.fromContext(parentOf(traceparent)).getSpanContext().isValid();
    }

    /**
     * Runs work in a new span, child of {@code parent}: the span is the current one for the whole of the
     * work (on a Vert.x duplicated context, where Quarkus keeps the trace) and ends with it, marked as an
     * error when it fails.
     *
     * @param links spans the new one is linked to (the request that continued a saga's trace), may be empty
     */
    public <T> Uni<T> inSpan(String name, SpanKind kind, Context parent, List<SpanContext> links, Map<String, String> attributes,
            Function<Span, Uni<T>> work) {
        return run(name, kind, parent, links, attributes, true, work);
    }

    /**
     * Runs work in a new span that does not become the current one: for work that runs side by side with
     * others on one context (the relay's sends), where the work passes the span on itself.
     */
    public <T> Uni<T> aside(String name, SpanKind kind, Context parent, Map<String, String> attributes, Function<Span, Uni<T>> work) {
        return run(name, kind, parent, List.of(), attributes, false, work);
    }

    private <T> Uni<T> run(String name, SpanKind kind, Context parent, List<SpanContext> links, Map<String, String> attributes,
            boolean current, Function<Span, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            var builder = tracer.spanBuilder(name).setSpanKind(kind).setParent(parent);
            links.stream().filter(SpanContext::isValid).forEach(builder::addLink);
            attributes.forEach((key, value) -> builder.setAttribute(AttributeKey.stringKey(key), value));
            Span span = builder.startSpan();
            // the span (its parent set above) joins what is current: nothing else of the caller's context is dropped
            Scope scope = current && VertxContext.isOnDuplicatedContext() ? Context.current().with(span).makeCurrent() : Scope.noop();
            Uni<T> run;
            try {
                run = work.apply(span);
            } catch (RuntimeException e) {
                end(span, scope, e);
                throw e;
            }
            return run.onTermination().invoke((item, failure, cancelled) -> end(span, scope, failure));
        });
    }

    /**
     * Runs work as a step of the flow {@code traceparent} names (a saga's trace an aggregate kept), linked
     * to the current span (the request doing the step). Without a stored trace, or already inside it,
     * the work simply runs in the current one.
     */
    public <T> Uni<T> continuing(String traceparent, String name, Function<Span, Uni<T>> work) {
        SpanContext stored = Span.fromContext(parentOf(traceparent)).getSpanContext();
        SpanContext now = Span.current().getSpanContext();
        if (!stored.isValid() || stored.getTraceId().equals(now.getTraceId())) {
            return work.apply(Span.current());
        }
        return inSpan(name, SpanKind.INTERNAL, parentOf(traceparent), List.of(now), Map.of(), work);
    }

    private static void end(Span span, Scope scope, Throwable failure) {
        scope.close();
        if (failure != null) {
            // the type only: a failure's message may quote what a caller sent (the logs mask it, a span would not)
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        }
        span.end();
    }
}
