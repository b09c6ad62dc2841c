-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "hash" BYTEA NOT NULL DEFAULT '\x'::bytea,
ADD COLUMN     "prev_hash" BYTEA NOT NULL DEFAULT '\x'::bytea;



-- Tamper evidence: every audit event carries the hash of the event before it (prev_hash) and its own
-- hash = sha256(prev_hash || audit_event_payload(row)); the first event's prev_hash is 32 zero bytes.
-- The trigger below sets both on every insert, whoever inserts; apps/api/src/audit/chain.ts verifies.

-- The canonical serialisation of an event: its fields in a fixed order as a JSON array (jsonb's text
-- form is deterministic). Changing it changes every hash: only ever replace it together with a re-chain.
CREATE FUNCTION "audit_event_payload"(e "audit_events") RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    e.id::text,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.actor_id::text, e.actor_label, e.action, e.entity_type, e.entity_id,
    e.outcome::text, e.ip, e.request_id, e.details
  )::text
$$;

-- Appends are serialised by a transaction-scoped advisory lock, so the chain never forks: the lock is
-- held until the writing transaction ends, and the id is taken under it, so id order is chain order.
-- The latest event is read with a fresh snapshot, which only READ COMMITTED gives; other isolation
-- levels are refused rather than risk a fork.
CREATE FUNCTION "audit_events_chain"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  previous bytea;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit_events: append under READ COMMITTED only, not %',
      current_setting('transaction_isolation');
  END IF;
  PERFORM pg_advisory_xact_lock(6175646974); -- the audit chain's own lock id
  NEW.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  SELECT "hash" INTO previous FROM "audit_events" ORDER BY "id" DESC LIMIT 1;
  NEW.prev_hash := coalesce(previous, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
  NEW.hash := sha256(NEW.prev_hash || convert_to("audit_event_payload"(NEW), 'UTF8'));
  RETURN NEW;
END;
$$;

CREATE TRIGGER "audit_events_chain"
  BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_chain"();

-- Existing events are chained here, in id order, so the whole log is covered from the first event.
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_no_update_or_delete";
DO $$
DECLARE
  e "audit_events";
  previous bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
BEGIN
  FOR e IN SELECT * FROM "audit_events" ORDER BY "id" LOOP
    UPDATE "audit_events"
      SET "prev_hash" = previous, "hash" = sha256(previous || convert_to("audit_event_payload"(e), 'UTF8'))
      WHERE "id" = e.id
      RETURNING "hash" INTO previous;
  END LOOP;
END;
$$;
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_no_update_or_delete";
