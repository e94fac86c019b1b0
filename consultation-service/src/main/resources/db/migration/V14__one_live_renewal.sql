-- A prescription is renewed once while its renewal lives (a renewal that expired or was revoked may be
-- replaced): a second renewal, however it is asked for, is refused here too.
create unique index prescription_one_live_renewal on prescription (renewal_of)
    where renewal_of is not null and status not in ('EXPIRED', 'REVOKED');
