-- Partner pharmacies (合作药房): who they are, where they deliver, where their webhooks go, which
-- Keycloak client speaks for them, and their webhook signing secrets (sealed; two while one retires).
create table partner (
    id             uuid primary key,
    name           text        not null,
    licence_number text        not null unique,
    webhook_url    text        not null,
    client_id      text        not null unique,
    registered_at  timestamptz not null,
    registered_by  text        not null
);

create table partner_region (
    partner_id uuid not null references partner (id),
    region     text not null check (region ~ '^[1-8][0-9]{5}$'),
    primary key (partner_id, region)
);
-- Routing asks "who serves this region".
create index partner_region_by_region on partner_region (region);

create table partner_secret (
    partner_id uuid        not null references partner (id),
    secret_id  uuid        not null,
    iv         bytea       not null,
    ciphertext bytea       not null,
    created_at timestamptz not null,
    retires_at timestamptz,
    primary key (partner_id, secret_id)
);
