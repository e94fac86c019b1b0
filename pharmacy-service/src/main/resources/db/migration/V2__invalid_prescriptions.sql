-- A prescription whose signature does not verify against the hospital's keys is recorded, never reviewed.
alter table review drop constraint review_status_check;
alter table review add constraint review_status_check check (status in ('PENDING', 'WITHDRAWN', 'INVALID'));
