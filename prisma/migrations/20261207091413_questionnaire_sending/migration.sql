-- CreateEnum
CREATE TYPE "QuestionnaireDispatchKind" AS ENUM ('invitation', 'reminder');

-- AlterTable
ALTER TABLE "organisation_settings" ADD COLUMN     "questionnaire_sending" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "questionnaire_dispatches" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "link_id" UUID NOT NULL,
    "kind" "QuestionnaireDispatchKind" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_failed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "questionnaire_dispatches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "questionnaire_dispatches_sent_at_cancelled_at_idx" ON "questionnaire_dispatches"("sent_at", "cancelled_at");

-- CreateIndex
CREATE UNIQUE INDEX "questionnaire_dispatches_session_id_kind_key" ON "questionnaire_dispatches"("session_id", "kind");

-- AddForeignKey
ALTER TABLE "questionnaire_dispatches" ADD CONSTRAINT "questionnaire_dispatches_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "therapy_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questionnaire_dispatches" ADD CONSTRAINT "questionnaire_dispatches_link_id_fkey" FOREIGN KEY ("link_id") REFERENCES "questionnaire_links"("id") ON DELETE CASCADE ON UPDATE CASCADE;

