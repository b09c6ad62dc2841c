-- AlterTable
ALTER TABLE "measure_scores" ADD COLUMN     "completed_by_client_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "organisation_settings" ADD COLUMN     "questionnaires" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "questionnaire_links" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "course_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "instruments" "MeasureInstrument"[],
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "opened_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" UUID,
    "identity_confirmed_at" TIMESTAMPTZ(3),
    "identity_failures" INTEGER NOT NULL DEFAULT 0,
    "locked_at" TIMESTAMPTZ(3),

    CONSTRAINT "questionnaire_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "questionnaire_links_token_hash_key" ON "questionnaire_links"("token_hash");

-- CreateIndex
CREATE INDEX "questionnaire_links_course_id_created_at_idx" ON "questionnaire_links"("course_id", "created_at");

-- CreateIndex
CREATE INDEX "questionnaire_links_session_id_idx" ON "questionnaire_links"("session_id");

-- AddForeignKey
ALTER TABLE "questionnaire_links" ADD CONSTRAINT "questionnaire_links_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questionnaire_links" ADD CONSTRAINT "questionnaire_links_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "therapy_sessions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questionnaire_links" ADD CONSTRAINT "questionnaire_links_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questionnaire_links" ADD CONSTRAINT "questionnaire_links_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

