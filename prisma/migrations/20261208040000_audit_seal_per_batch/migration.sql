-- Sealing a batch costs one UPDATE and moves the chain's head once (docs/decisions/022, "Sealing
-- per batch"). Before, every event sealed ran its own UPDATE, and that UPDATE's row trigger locked
-- and rewrote the head row: a thousand versions of one row in one transaction, each look-up walking
-- the versions before it, so sealing cost several times the insert it follows.
--
-- The rule is unchanged, whoever issues the UPDATE: an event is sealed once, its content exactly as
-- written, at the next positions after the head, each linked to the one before and hashed by the
-- chain formula; anything else is refused. It is now checked once per statement, over all the rows
-- the statement changed (its transition tables), instead of once per row.

CREATE OR REPLACE FUNCTION "audit_events_seal_once"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head "audit_chain_head";
  changed bigint;
  last_hash bytea;
BEGIN
  SELECT count(*) INTO changed FROM old_rows;
  IF changed = 0 THEN
    RETURN NULL;
  END IF;
  -- Each changed row was unsealed and kept its content: the old and new rows pair off one to one on
  -- the key, with equal content (a row moved to another key or partition pairs with nothing).
  IF EXISTS (SELECT 1 FROM old_rows o
              WHERE o.chain_seq IS NOT NULL OR o.prev_hash IS NOT NULL OR o.hash IS NOT NULL)
     OR changed IS DISTINCT FROM (SELECT count(*) FROM new_rows)
     OR changed IS DISTINCT FROM (
          SELECT count(*) FROM old_rows o JOIN new_rows n ON n.id = o.id AND n.occurred_at = o.occurred_at
           WHERE (o.actor_id, o.actor_label, o.action, o.entity_type, o.entity_id, o.outcome, o.ip,
                  o.request_id, o.details::text)
                 IS NOT DISTINCT FROM
                 (n.actor_id, n.actor_label, n.action, n.entity_type, n.entity_id, n.outcome, n.ip,
                  n.request_id, n.details::text)) THEN
    RAISE EXCEPTION 'audit_events is append-only: UPDATE refused (only sealing an unsealed event, once)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO head FROM "audit_chain_head" WHERE id = 1 FOR UPDATE;
  -- The new positions are head + 1 … head + changed, each linked to the hash before it (the head's
  -- for the first) and hashed by the formula.
  IF head IS NULL OR EXISTS (
       SELECT 1 FROM (
         SELECT n.chain_seq, n.prev_hash, n.hash,
                row_number() OVER (ORDER BY n.chain_seq) AS position,
                lag(n.hash) OVER (ORDER BY n.chain_seq) AS hash_before,
                sha256(n.prev_hash || convert_to("audit_event_payload"(n::"audit_events"), 'UTF8')) AS formula
           FROM new_rows n) s
        WHERE s.chain_seq IS DISTINCT FROM head.seq + s.position
           OR s.prev_hash IS DISTINCT FROM COALESCE(s.hash_before, head.hash)
           OR s.hash IS DISTINCT FROM s.formula) THEN
    RAISE EXCEPTION 'audit_events is append-only: UPDATE refused (a seal must extend the chain head)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT n.hash INTO last_hash FROM new_rows n ORDER BY n.chain_seq DESC LIMIT 1;
  UPDATE "audit_chain_head" SET seq = head.seq + changed, hash = last_hash, sealed_at = now() WHERE id = 1;
  RETURN NULL;
END;
$$;

DROP TRIGGER "audit_events_seal_once" ON "audit_events";
CREATE TRIGGER "audit_events_seal_once"
  AFTER UPDATE ON "audit_events"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_seal_once"();

-- Seals up to max_rows committed unsealed events, oldest id first, in one UPDATE, and returns how
-- many; the chain is worked out here first. Otherwise as before: one sealer at a time across every
-- API instance (the head row taken with SKIP LOCKED, or waited for with wait => true), READ
-- COMMITTED only, an event whose transaction is still open left for a later batch.
CREATE OR REPLACE FUNCTION "audit_seal"(max_rows integer, wait boolean DEFAULT false) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head "audit_chain_head";
  e "audit_events";
  ids bigint[] := '{}';
  times timestamptz[] := '{}';
  positions bigint[] := '{}';
  links bytea[] := '{}';
  hashes bytea[] := '{}';
  position bigint;
  link bytea;
  earliest timestamptz;
  latest timestamptz;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit_seal: run under READ COMMITTED only, not %', current_setting('transaction_isolation');
  END IF;
  -- The chain's start: no events sealed yet, the link is 32 zero bytes.
  INSERT INTO "audit_chain_head" (id, seq, hash)
    VALUES (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
    ON CONFLICT (id) DO NOTHING;
  IF wait THEN
    SELECT * INTO head FROM "audit_chain_head" WHERE id = 1 FOR UPDATE;
  ELSE
    SELECT * INTO head FROM "audit_chain_head" WHERE id = 1 FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
      RETURN -1;
    END IF;
  END IF;
  position := head.seq;
  link := head.hash;
  FOR e IN SELECT * FROM "audit_events" WHERE chain_seq IS NULL ORDER BY id LIMIT max_rows LOOP
    position := position + 1;
    ids := ids || e.id;
    times := times || e.occurred_at;
    positions := positions || position;
    links := links || link;
    link := sha256(link || convert_to("audit_event_payload"(e), 'UTF8'));
    hashes := hashes || link;
    earliest := LEAST(earliest, e.occurred_at);
    latest := GREATEST(latest, e.occurred_at);
  END LOOP;
  IF position = head.seq THEN
    RETURN 0;
  END IF;
  -- The time bounds let the UPDATE visit only the partitions the batch is in.
  UPDATE "audit_events" a
     SET chain_seq = s.position, prev_hash = s.link, hash = s.hash
    FROM unnest(ids, times, positions, links, hashes) AS s(id, occurred_at, position, link, hash)
   WHERE a.id = s.id AND a.occurred_at = s.occurred_at
     AND a.occurred_at >= earliest AND a.occurred_at <= latest;
  RETURN position - head.seq;
END;
$$;
