-- The trace an event belongs to (W3C traceparent of the span that wrote it): the relay sends it on as the
-- CloudEvents traceparent extension, so the consumers' work joins the same trace (ADR 0023).
alter table outbox_event add column traceparent text;
