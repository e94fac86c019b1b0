-- The steps that end a prescription's journey, which JourneyMetrics counts every 30 s on every replica: a
-- small partial index instead of a scan of the whole timeline.
create index prescription_timeline_journey_ends on prescription_timeline (type, prescription_id)
    where type in ('order.delivered', 'order.unroutable', 'order.cancelled', 'prescription.expired', 'prescription.revoked')
       or (type = 'prescription.reviewed' and detail ->> 'approved' = 'false');
