-- CreateEnum
CREATE TYPE "OutreachMethod" AS ENUM ('phone', 'text_message', 'email', 'letter', 'home_visit', 'other');

-- CreateEnum
CREATE TYPE "OutreachOutcome" AS ENUM ('spoke_with_client', 'message_left', 'no_answer', 'other');

-- CreateTable
CREATE TABLE "outreach_attempts" (
    "id" UUID NOT NULL,
    "course_id" UUID NOT NULL,
    "recorded_by_id" UUID NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL,
    "method" "OutreachMethod" NOT NULL,
    "outcome" "OutreachOutcome" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outreach_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outreach_attempts_course_id_attempted_at_idx" ON "outreach_attempts"("course_id", "attempted_at");

-- AddForeignKey
ALTER TABLE "outreach_attempts" ADD CONSTRAINT "outreach_attempts_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_attempts" ADD CONSTRAINT "outreach_attempts_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Outreach attempts are clinical records, kept as written: no update, no delete.
CREATE TRIGGER "outreach_attempts_no_update"
  BEFORE UPDATE ON "outreach_attempts"
  FOR EACH ROW EXECUTE FUNCTION "clinical_append_only_refuse_update"();

CREATE TRIGGER "outreach_attempts_no_delete"
  BEFORE DELETE OR TRUNCATE ON "outreach_attempts"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();
