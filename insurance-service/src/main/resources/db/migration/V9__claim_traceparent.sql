-- The trace of the prescription's flow (W3C traceparent), kept when the claim was opened: the payers'
-- later answers publish the claim's events in it (ADR 0023).
alter table claim add column traceparent text;
