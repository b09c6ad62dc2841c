-- AlterTable
ALTER TABLE "courses" ADD COLUMN     "session_time" TEXT NOT NULL DEFAULT '09:00',
ADD COLUMN     "session_weekday" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "therapy_sessions" ADD COLUMN     "duration_minutes" INTEGER NOT NULL DEFAULT 50,
ADD COLUMN     "start_time" TEXT NOT NULL DEFAULT '09:00';

-- Existing courses keep the weekday of their first session; existing sessions start at 09:00 and last
-- as long as their course's contract says.
UPDATE "courses" SET "session_weekday" = EXTRACT(ISODOW FROM "start_date")::INTEGER;
UPDATE "therapy_sessions" AS s SET "duration_minutes" = c."session_minutes" FROM "courses" AS c WHERE c."id" = s."course_id";
