-- Audit at scale (docs/decisions/022-audit-sealer-and-partitions.md).
--
-- 1. Inserts do no chain work and take no lock: a new event is written unsealed (chain_seq, prev_hash
--    and hash NULL). A background sealer (apps/api/src/audit/sealer.ts, calling audit_seal below)
--    chains the committed unsealed events in batches: chain_seq = 1, 2, 3… is the chain order, and
--    hash = sha256(prev_hash || audit_event_payload(row)) as before; the first prev_hash is 32 zero
--    bytes. The chain order is the order of sealing, not of ids, so an event whose transaction
--    commits late is sealed in a later batch instead of leaving a gap behind.
-- 2. The table is partitioned by month on occurred_at, with a DEFAULT partition so no insert ever
--    fails for want of a partition. Partitions are made here and by the owner-run
--    `audit:partitions` command (audit_create_partition), never in the request path.
-- 3. Archived months (`audit:archive`) leave a row in audit_archives with the chain positions they
--    covered and the hashes at both ends, so what remains still verifies.
--
-- The existing events keep their hashes: they were chained in id order, so chain_seq is their rank
-- by id, and the chain's head is the last of them.

-- The old table makes way: its indexes' names are taken over by the new table's.
ALTER TABLE "audit_events" RENAME TO "audit_events_unpartitioned";
ALTER INDEX "audit_events_pkey" RENAME TO "audit_events_unpartitioned_pkey";
ALTER INDEX "audit_events_occurred_at_idx" RENAME TO "audit_events_unpartitioned_occurred_at_idx";
ALTER INDEX "audit_events_actor_id_occurred_at_idx" RENAME TO "audit_events_unpartitioned_actor_idx";
ALTER INDEX "audit_events_action_occurred_at_idx" RENAME TO "audit_events_unpartitioned_action_idx";
ALTER TABLE "audit_events_unpartitioned" RENAME CONSTRAINT "audit_events_actor_id_fkey" TO "audit_events_unpartitioned_actor_id_fkey";
-- PostgreSQL 18 names NOT NULL constraints after the table; earlier versions have none to rename.
DO $$
DECLARE
  c record;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
           WHERE conrelid = '"audit_events_unpartitioned"'::regclass AND contype = 'n' LOOP
    EXECUTE format('ALTER TABLE "audit_events_unpartitioned" RENAME CONSTRAINT %I TO %I', c.conname, 'old_' || c.conname);
  END LOOP;
END;
$$;
DROP TRIGGER "audit_events_chain" ON "audit_events_unpartitioned";
DROP FUNCTION "audit_events_chain"();
DROP FUNCTION "audit_event_payload"("audit_events_unpartitioned");

CREATE TABLE "audit_events" (
    "id" BIGINT NOT NULL DEFAULT nextval('audit_events_id_seq'::regclass),
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_label" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT,
    "entity_id" TEXT,
    "outcome" "AuditOutcome" NOT NULL,
    "ip" TEXT,
    "request_id" TEXT,
    "details" JSONB,
    "chain_seq" BIGINT,
    "prev_hash" BYTEA,
    "hash" BYTEA,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id","occurred_at")
) PARTITION BY RANGE ("occurred_at");
ALTER SEQUENCE "audit_events_id_seq" OWNED BY "audit_events"."id";

CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events"("occurred_at");
CREATE INDEX "audit_events_actor_id_occurred_at_idx" ON "audit_events"("actor_id", "occurred_at");
CREATE INDEX "audit_events_action_occurred_at_idx" ON "audit_events"("action", "occurred_at");
CREATE INDEX "audit_events_chain_seq_idx" ON "audit_events"("chain_seq");
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "audit_events_default" PARTITION OF "audit_events" DEFAULT;

-- The canonical serialisation of an event, unchanged: its fields in a fixed order as a JSON array.
-- Changing it changes every hash: only ever replace it together with a re-chain.
CREATE FUNCTION "audit_event_payload"(e "audit_events") RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    e.id::text,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.actor_id::text, e.actor_label, e.action, e.entity_type, e.entity_id,
    e.outcome::text, e.ip, e.request_id, e.details
  )::text
$$;

-- The chain's head: the last sealed position and its hash. One row, locked by the one sealer at work.
CREATE TABLE "audit_chain_head" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,
    "sealed_at" TIMESTAMPTZ(3),

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_chain_head_one_row" CHECK ("id" = 1)
);

-- Months archived out of the database: each row is one run of consecutive chain positions that left
-- (usually one per archive), with the link into it and the hash at its end, so verification steps
-- over it. Append-only like the events.
CREATE TABLE "audit_archives" (
    "id" BIGSERIAL NOT NULL,
    "archived_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "partition_name" TEXT NOT NULL,
    "range_start" DATE NOT NULL,
    "range_end" DATE NOT NULL,
    "file_name" TEXT NOT NULL,
    "first_seq" BIGINT NOT NULL,
    "last_seq" BIGINT NOT NULL,
    "prev_hash" BYTEA NOT NULL,
    "head_hash" BYTEA NOT NULL,

    CONSTRAINT "audit_archives_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "audit_archives_first_seq_key" ON "audit_archives"("first_seq");

-- Creates the month's partition (any day of the month names it), unless it exists. Rows of that
-- month that went to the DEFAULT partition meanwhile move into it, hashes untouched. Owner-run:
-- `pnpm --filter @ipt/api audit:partitions`; never in the request path.
CREATE FUNCTION "audit_create_partition"(month date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  first date := date_trunc('month', month)::date;
  -- Months are UTC months, whatever the session's time zone.
  lo timestamptz := first::timestamp AT TIME ZONE 'UTC';
  hi timestamptz := (first + interval '1 month') AT TIME ZONE 'UTC';
  name text := 'audit_events_y' || to_char(first, 'YYYY') || 'm' || to_char(first, 'MM');
BEGIN
  IF to_regclass(format('%I', name)) IS NOT NULL THEN
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM "audit_events_default" WHERE occurred_at >= lo AND occurred_at < hi) THEN
    ALTER TABLE "audit_events" DETACH PARTITION "audit_events_default";
    EXECUTE format('CREATE TABLE %I (LIKE "audit_events" INCLUDING DEFAULTS)', name);
    EXECUTE format('INSERT INTO %I SELECT * FROM "audit_events_default" WHERE occurred_at >= $1 AND occurred_at < $2', name)
      USING lo, hi;
    ALTER TABLE "audit_events_default" DISABLE TRIGGER USER;
    DELETE FROM "audit_events_default" WHERE occurred_at >= lo AND occurred_at < hi;
    ALTER TABLE "audit_events_default" ENABLE TRIGGER USER;
    EXECUTE format('ALTER TABLE "audit_events" ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
    ALTER TABLE "audit_events" ATTACH PARTITION "audit_events_default" DEFAULT;
  ELSE
    EXECUTE format('CREATE TABLE %I PARTITION OF "audit_events" FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
  END IF;
  -- Statement triggers are not inherited: TRUNCATE of the partition itself is refused here.
  EXECUTE format('CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON %I
                  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"()', name);
  RETURN name;
END;
$$;

-- Partitions for every month that has events, and for this month and the next twelve.
DO $$
DECLARE
  month date;
BEGIN
  FOR month IN
    SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date FROM "audit_events_unpartitioned"
    UNION
    SELECT generate_series(date_trunc('month', now() AT TIME ZONE 'UTC'),
                           date_trunc('month', now() AT TIME ZONE 'UTC') + interval '12 months',
                           interval '1 month')::date
  LOOP
    PERFORM "audit_create_partition"(month);
  END LOOP;
END;
$$;

-- Rows outside every month's partition would land in DEFAULT, which loses nothing.
INSERT INTO "audit_events" (id, occurred_at, actor_id, actor_label, action, entity_type, entity_id,
                            outcome, ip, request_id, details, chain_seq, prev_hash, hash)
  SELECT id, occurred_at, actor_id, actor_label, action, entity_type, entity_id, outcome, ip,
         request_id, details, row_number() OVER (ORDER BY id), prev_hash, hash
  FROM "audit_events_unpartitioned";

-- The head row is made by the first seal (audit_seal), so a new database has no rows at all (a
-- backup restores into it); here only when events exist.
INSERT INTO "audit_chain_head" (id, seq, hash, sealed_at)
  SELECT 1, count(*), (SELECT hash FROM "audit_events_unpartitioned" ORDER BY id DESC LIMIT 1), now()
  FROM "audit_events_unpartitioned"
  HAVING count(*) > 0;

DROP TABLE "audit_events_unpartitioned";

-- A new event is always written unsealed, whatever the writer sends: only the sealer chains.
CREATE FUNCTION "audit_events_insert_unsealed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.chain_seq := NULL;
  NEW.prev_hash := NULL;
  NEW.hash := NULL;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "audit_events_insert_unsealed"
  BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_insert_unsealed"();

-- The one change an event may ever get: sealing, once. Its content stays exactly as written; it takes
-- the next position after the chain's head, links to the head's hash, and its hash is the chain
-- formula; the head moves to it. Anything else is refused, so the sealed events are one chain by
-- construction, whoever issues the UPDATE.
CREATE FUNCTION "audit_events_seal_once"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head "audit_chain_head";
BEGIN
  IF OLD.chain_seq IS NOT NULL OR OLD.prev_hash IS NOT NULL OR OLD.hash IS NOT NULL
     OR (OLD.id, OLD.occurred_at, OLD.actor_id, OLD.actor_label, OLD.action, OLD.entity_type,
         OLD.entity_id, OLD.outcome, OLD.ip, OLD.request_id, OLD.details::text)
        IS DISTINCT FROM
        (NEW.id, NEW.occurred_at, NEW.actor_id, NEW.actor_label, NEW.action, NEW.entity_type,
         NEW.entity_id, NEW.outcome, NEW.ip, NEW.request_id, NEW.details::text) THEN
    RAISE EXCEPTION 'audit_events is append-only: UPDATE refused (only sealing an unsealed event, once)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO head FROM "audit_chain_head" WHERE id = 1 FOR UPDATE;
  IF NEW.chain_seq IS DISTINCT FROM head.seq + 1 OR NEW.prev_hash IS DISTINCT FROM head.hash
     OR NEW.hash IS DISTINCT FROM sha256(NEW.prev_hash || convert_to("audit_event_payload"(NEW), 'UTF8')) THEN
    RAISE EXCEPTION 'audit_events is append-only: UPDATE refused (a seal must extend the chain head)'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE "audit_chain_head" SET seq = NEW.chain_seq, hash = NEW.hash, sealed_at = now() WHERE id = 1;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "audit_events_seal_once"
  BEFORE UPDATE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_seal_once"();

CREATE TRIGGER "audit_events_no_delete"
  BEFORE DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();

CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();
CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events_default"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();

-- The head and the archive records change only by sealing (above) and by archiving (append): the
-- head's row is updated only from inside the sealing trigger.
CREATE FUNCTION "audit_chain_head_refuse_direct_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'audit_chain_head moves only by sealing an event: UPDATE refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "audit_chain_head_sealing_only"
  BEFORE UPDATE ON "audit_chain_head"
  FOR EACH ROW EXECUTE FUNCTION "audit_chain_head_refuse_direct_update"();
CREATE TRIGGER "audit_chain_head_no_delete"
  BEFORE DELETE OR TRUNCATE ON "audit_chain_head"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();
CREATE TRIGGER "audit_archives_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "audit_archives"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();
CREATE TRIGGER "audit_archives_no_truncate"
  BEFORE TRUNCATE ON "audit_archives"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();

-- Seals up to max_rows committed unsealed events, oldest id first, and returns how many. One sealer at
-- a time across every API instance: the head row is taken with SKIP LOCKED, so a second sealer returns
-- -1 at once instead of waiting (with wait => true it waits its turn instead: for the owner's
-- commands and checks). Each statement here sees what has committed when it starts (READ
-- COMMITTED), so an event whose transaction is still open is simply left for a later batch.
CREATE FUNCTION "audit_seal"(max_rows integer, wait boolean DEFAULT false) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  head "audit_chain_head";
  e "audit_events";
  sealed integer := 0;
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
  FOR e IN SELECT * FROM "audit_events" WHERE chain_seq IS NULL ORDER BY id LIMIT max_rows LOOP
    head.seq := head.seq + 1;
    UPDATE "audit_events"
      SET chain_seq = head.seq, prev_hash = head.hash,
          hash = sha256(head.hash || convert_to("audit_event_payload"(e), 'UTF8'))
      WHERE id = e.id AND occurred_at = e.occurred_at
      RETURNING hash INTO head.hash;
    sealed := sealed + 1;
  END LOOP;
  RETURN sealed;
END;
$$;
