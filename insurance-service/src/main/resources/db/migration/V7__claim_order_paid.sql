-- When the claim's order was paid (order.paid): from then on only the order's own events end the claim,
-- an expiry of the prescription no longer voids it (pharmacy delivers a paid order on an expired one).
alter table claim add column order_paid_at timestamptz;

-- a delivery of a claim voided meanwhile (the expiry overtook the payment): for an auditor, never lost
alter table claim_flag drop constraint claim_flag_kind_check;
alter table claim_flag add constraint claim_flag_kind_check check (kind in ('QUANTITY_OVER_LIMIT', 'DUPLICATE_THERAPY',
    'REFILL_TOO_FREQUENT', 'PAYER_REFUSED', 'PAYER_DISAGREES', 'PAYER_UNAVAILABLE', 'DELIVERED_AFTER_VOID'));
