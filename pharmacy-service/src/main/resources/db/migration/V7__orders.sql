-- Whose prescription it is (the account that owns the patient record, as the token's subject says).
alter table review add column patient_account text;

-- What insurance decided per prescription: what the patient pays, and whether a hold blocks dispensing.
create table claim_outcome (
    prescription_id uuid primary key,
    claim_id        uuid        not null,
    status          text        not null check (status in ('ADJUDICATED', 'HELD', 'REJECTED', 'UNPRICEABLE', 'VOIDED')),
    patient_pays    bigint      check (patient_pays >= 0),
    reason          text,
    updated_at      timestamptz not null
);

-- An order of one approved prescription for delivery. At most one live order per prescription: a
-- prescription is never dispensed twice.
create table pharmacy_order (
    id                uuid primary key,
    prescription_id   uuid        not null,
    patient_id        uuid        not null,
    patient_account   text        not null,
    status            text        not null check (status in ('AWAITING_PAYMENT', 'PAID', 'ROUTED', 'ACCEPTED', 'DISPENSED',
                                                             'SHIPPED', 'DELIVERED', 'CANCELLED', 'UNROUTABLE')),
    patient_pays      bigint      not null check (patient_pays >= 0),
    recipient         text        not null,
    phone             text        not null,
    address_line      text        not null,
    region            text        not null check (region ~ '^[1-8][0-9]{5}$'),
    pharmacy_id       uuid,
    routed_at         timestamptz,
    tracking_number   text,
    payment_id        text,
    refund_id         text,
    reason            text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint      not null default 0
);
create unique index pharmacy_order_one_live on pharmacy_order (prescription_id) where status not in ('CANCELLED', 'UNROUTABLE');
create index pharmacy_order_by_account on pharmacy_order (patient_account, created_at);
-- Routed orders waiting for the partner to accept (the accept time-out sweep).
create index pharmacy_order_routed on pharmacy_order (routed_at) where status = 'ROUTED';

create table pharmacy_order_item (
    order_id  uuid not null references pharmacy_order (id),
    line      int  not null,
    drug_code text not null,
    quantity  int  not null check (quantity > 0),
    primary key (order_id, line)
);

-- The partners an order was routed to, in turn: a rejection or a time-out moves it to the next one.
create table pharmacy_order_attempt (
    order_id   uuid        not null references pharmacy_order (id),
    ordinal    int         not null,
    pharmacy_id uuid       not null,
    routed_at  timestamptz not null,
    outcome    text,
    primary key (order_id, ordinal)
);

-- Each step of an order as the patient follows it (SSE), in order.
create table pharmacy_order_step (
    order_id uuid        not null references pharmacy_order (id),
    seq      int         not null,
    status   text        not null,
    detail   text,
    at       timestamptz not null,
    primary key (order_id, seq)
);

-- The sandbox payment provider's own books (a real provider keeps these on its side).
create table sandbox_payment (
    id          text primary key,
    order_id    uuid        not null unique,
    amount      bigint      not null check (amount >= 0),
    status      text        not null check (status in ('PENDING', 'CONFIRMED', 'REFUNDED')),
    created_at  timestamptz not null,
    confirmed_at timestamptz,
    refunded_at timestamptz
);
