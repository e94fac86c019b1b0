-- A submission never sent because its claim was voided first (a pre-settlement), or delivered after all
-- (a cancellation), is withdrawn.
alter table payer_submission drop constraint payer_submission_status_check;
alter table payer_submission add constraint payer_submission_status_check check (status in ('PENDING', 'ANSWERED', 'FAILED', 'WITHDRAWN'));
