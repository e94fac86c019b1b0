-- A transaction that queues submissions to payers wakes the dispatchers when it commits (they listen on
-- channel payer_submission), so a claim is confirmed within milliseconds instead of at the next poll.
create function payer_submission_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('payer_submission', '');
    return null;
end $$;

create trigger payer_submission_notify after insert on payer_submission
    for each statement execute function payer_submission_notify();
