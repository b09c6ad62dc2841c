-- Least privilege (docs/security.md "Database roles"): the app's role has no UPDATE right on
-- audit_events at all. Sealing runs with the rights of the function's owner (the schema owner, who
-- ran the migrations), so the one UPDATE the log ever takes happens only through audit_seal, which
-- extends the chain in order; the seal-once trigger still refuses every other change. A fixed
-- search_path keeps a caller's objects from standing in for the function's tables.
ALTER FUNCTION "audit_seal"(integer, boolean) SECURITY DEFINER SET search_path = public, pg_temp;
