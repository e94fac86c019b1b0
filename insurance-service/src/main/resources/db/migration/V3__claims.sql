-- Claims (医保结算): one per approved prescription, split per line between the basic insurance, a
-- supplementary plan and the patient; what it takes from the patient's year is kept with it, so that a
-- void gives back exactly that.
create table claim (
    id                 uuid primary key,
    prescription_id    uuid        not null unique,
    patient_id         uuid        not null,
    patient_account    text,
    year               int         not null,
    status             text        not null check (status in ('ADJUDICATED', 'REJECTED', 'SETTLED', 'VOIDED')),
    total              bigint      not null check (total >= 0),
    basic_pays         bigint      not null check (basic_pays >= 0),
    supplementary_pays bigint      not null check (supplementary_pays >= 0),
    patient_pays       bigint,
    takes_deductible   bigint      not null default 0,
    takes_basic        bigint      not null default 0,
    takes_supplementary bigint     not null default 0,
    reason             text,
    policy_id          uuid,
    adjudicated_at     timestamptz not null,
    settled_at         timestamptz,
    voided_at          timestamptz,
    check (patient_pays is null or basic_pays + supplementary_pays + patient_pays = total)
);
create index claim_by_patient on claim (patient_id, adjudicated_at);
create index claim_by_account on claim (patient_account, adjudicated_at);

create table claim_line (
    claim_id           uuid   not null references claim (id),
    line               int    not null,
    drug_code          text   not null,
    quantity           int    not null check (quantity > 0),
    catalogue_class    text,
    unit_price         bigint,
    amount             bigint,
    self_pay_first     bigint not null default 0,
    deductible         bigint not null default 0,
    basic_pays         bigint not null default 0,
    supplementary_pays bigint not null default 0,
    patient_pays       bigint,
    primary key (claim_id, line)
);

-- A patient's year: what their adjudicated, not voided claims took. Adjudication locks the row, so two
-- claims of one patient are split one after the other (never the same deductible or cap twice).
create table accumulator (
    patient_id          uuid   not null,
    year                int    not null,
    deductible_used     bigint not null default 0 check (deductible_used >= 0),
    basic_paid          bigint not null default 0 check (basic_paid >= 0),
    supplementary_paid  bigint not null default 0 check (supplementary_paid >= 0),
    primary key (patient_id, year)
);
