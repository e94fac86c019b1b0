-- A doctor's revoke is a request; pharmacy-service, the authority on dispensing, confirms or refuses it.
alter table prescription drop constraint prescription_status_check;
alter table prescription add constraint prescription_status_check
    check (status in ('ISSUED', 'REVOCATION_REQUESTED', 'REVOKED', 'EXPIRED', 'DISPENSED'));
