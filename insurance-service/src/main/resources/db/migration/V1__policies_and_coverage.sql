-- Policies (operators): the basic insurance's terms and, optionally, a supplementary plan's; coverage
-- links a patient to a policy for a period, never two periods at once.
create extension if not exists btree_gist;

create table policy (
    id                      uuid primary key,
    name                    text        not null,
    deductible              bigint      not null check (deductible >= 0),
    annual_cap              bigint      not null check (annual_cap >= 0),
    class_b_self_pay        int         not null check (class_b_self_pay between 0 and 10000),
    reimbursement           int         not null check (reimbursement between 0 and 10000),
    supplementary_reimbursement int     check (supplementary_reimbursement between 0 and 10000),
    supplementary_annual_cap    bigint  check (supplementary_annual_cap >= 0),
    supplementary_covers_class_c boolean,
    valid_from              date        not null,
    valid_until             date        not null,
    created_at              timestamptz not null,
    created_by              text        not null,
    check (valid_until >= valid_from),
    check ((supplementary_reimbursement is null) = (supplementary_annual_cap is null)
           and (supplementary_reimbursement is null) = (supplementary_covers_class_c is null))
);

create table coverage (
    id          uuid primary key,
    patient_id  uuid        not null,
    policy_id   uuid        not null references policy (id),
    valid_from  date        not null,
    valid_until date        not null,
    created_at  timestamptz not null,
    created_by  text        not null,
    check (valid_until >= valid_from),
    -- one policy at a time per patient: concurrent operators cannot make overlapping periods
    constraint coverage_no_overlap exclude using gist (patient_id with =, daterange(valid_from, valid_until, '[]') with &&)
);
