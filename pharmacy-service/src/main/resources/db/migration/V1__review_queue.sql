-- The pharmacist review queue (审方): one review per prescription, created when consultation-service
-- publishes prescription.issued and withdrawn when the prescription is revoked or expires first.
create table review (
    id               uuid primary key,
    prescription_id  uuid        not null unique,
    status           text        not null check (status in ('PENDING', 'WITHDRAWN')),
    received_at      timestamptz not null,
    closed_at        timestamptz,
    close_reason     text
);
create index review_pending on review (received_at) where status = 'PENDING';
