-- The calendar feed's UID of a session's event is stored (docs/decisions/014): a FHIR import keeps the
-- Bundle's, so a re-imported course's feed continues the same events (docs/decisions/018). Existing
-- sessions keep the UID the feed gave them until now (the first 32 hex digits of the SHA-256 of
-- "calendar-feed:<id>", under "@session-planner"), so calendars subscribed today see no new events; new
-- sessions get a random one.

-- AlterTable
ALTER TABLE "therapy_sessions" ADD COLUMN     "calendar_uid" TEXT;

UPDATE "therapy_sessions"
SET "calendar_uid" = substr(encode(sha256(convert_to('calendar-feed:' || "id"::text, 'UTF8')), 'hex'), 1, 32)
  || '@session-planner';

ALTER TABLE "therapy_sessions" ALTER COLUMN "calendar_uid" SET NOT NULL,
ALTER COLUMN "calendar_uid" SET DEFAULT (replace((gen_random_uuid())::text, '-'::text, ''::text) || '@session-planner'::text);

-- CreateIndex
CREATE UNIQUE INDEX "therapy_sessions_calendar_uid_key" ON "therapy_sessions"("calendar_uid");
