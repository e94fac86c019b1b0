-- A revoked prescription's order that a partner already has waits for the partner to confirm it will not
-- dispense (CANCELLING); a dispensed one refuses the revocation.
alter table pharmacy_order drop constraint pharmacy_order_status_check;
alter table pharmacy_order add constraint pharmacy_order_status_check
    check (status in ('AWAITING_PAYMENT', 'PAID', 'ROUTED', 'ACCEPTED', 'CANCELLING', 'DISPENSED', 'SHIPPED', 'DELIVERED', 'CANCELLED',
                      'UNROUTABLE'));
