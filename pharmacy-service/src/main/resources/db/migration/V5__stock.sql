-- Each partner's stock as it last reported it (on hand), and what routing set aside for our orders
-- from it (reserved); what can still be promised is on_hand - reserved.
create table stock (
    partner_id uuid        not null references partner (id),
    drug_code  text        not null,
    on_hand    int         not null check (on_hand >= 0),
    reserved   int         not null default 0 check (reserved >= 0),
    updated_at timestamptz not null,
    primary key (partner_id, drug_code)
);
