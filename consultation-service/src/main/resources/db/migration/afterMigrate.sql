-- Runs after every migration, as the owner role: what the service's own role may do. It reads and
-- writes the service's tables, but the audit trail only grows: no UPDATE, DELETE or TRUNCATE there.
grant usage on schema public to ${app_role};
grant select, insert, update, delete on all tables in schema public to ${app_role};
grant usage, select on all sequences in schema public to ${app_role};
revoke update, delete, truncate on audit_event, audit_log, audit_checkpoint from ${app_role};
