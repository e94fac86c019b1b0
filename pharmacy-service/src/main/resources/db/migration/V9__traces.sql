-- The trace of the prescription's flow (W3C traceparent), kept when the issued prescription arrived: the
-- pharmacist's decision and the patient's order, separate requests, continue it (ADR 0023).
alter table review add column traceparent text;
alter table pharmacy_order add column traceparent text;
