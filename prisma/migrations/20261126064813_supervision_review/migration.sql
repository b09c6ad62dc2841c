-- CreateEnum
CREATE TYPE "ReviewTarget" AS ENUM ('formulation', 'plan', 'session');

-- CreateEnum
CREATE TYPE "ReviewThreadKind" AS ENUM ('comment', 'change_request');

-- CreateEnum
CREATE TYPE "ReviewAuthorRole" AS ENUM ('therapist', 'supervisor');

-- AlterTable
ALTER TABLE "organisation_settings" ADD COLUMN     "supervision" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "review_threads" (
    "id" UUID NOT NULL,
    "course_id" UUID NOT NULL,
    "session_id" UUID,
    "target" "ReviewTarget" NOT NULL,
    "kind" "ReviewThreadKind" NOT NULL,
    "opened_by_id" UUID NOT NULL,
    "opened_by_role" "ReviewAuthorRole" NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" UUID,
    "resolution" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "review_threads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_messages" (
    "id" UUID NOT NULL,
    "thread_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "author_role" "ReviewAuthorRole" NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cosignatures" (
    "id" UUID NOT NULL,
    "course_id" UUID NOT NULL,
    "session_id" UUID,
    "target" "ReviewTarget" NOT NULL,
    "supervisor_id" UUID NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cosignatures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "review_threads_course_id_created_at_idx" ON "review_threads"("course_id", "created_at");

-- CreateIndex
CREATE INDEX "review_threads_session_id_idx" ON "review_threads"("session_id");

-- CreateIndex
CREATE INDEX "review_messages_thread_id_created_at_idx" ON "review_messages"("thread_id", "created_at");

-- CreateIndex
CREATE INDEX "cosignatures_course_id_target_created_at_idx" ON "cosignatures"("course_id", "target", "created_at");

-- AddForeignKey
ALTER TABLE "review_threads" ADD CONSTRAINT "review_threads_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_threads" ADD CONSTRAINT "review_threads_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "therapy_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_threads" ADD CONSTRAINT "review_threads_opened_by_id_fkey" FOREIGN KEY ("opened_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_threads" ADD CONSTRAINT "review_threads_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_messages" ADD CONSTRAINT "review_messages_thread_id_fkey" FOREIGN KEY ("thread_id") REFERENCES "review_threads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_messages" ADD CONSTRAINT "review_messages_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cosignatures" ADD CONSTRAINT "cosignatures_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cosignatures" ADD CONSTRAINT "cosignatures_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "therapy_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cosignatures" ADD CONSTRAINT "cosignatures_supervisor_id_fkey" FOREIGN KEY ("supervisor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Review messages and co-signatures are append-only: what was written or co-signed stays as it was.
CREATE TRIGGER "review_messages_no_update"
  BEFORE UPDATE ON "review_messages"
  FOR EACH ROW EXECUTE FUNCTION "clinical_append_only_refuse_update"();

CREATE TRIGGER "cosignatures_no_update"
  BEFORE UPDATE ON "cosignatures"
  FOR EACH ROW EXECUTE FUNCTION "clinical_append_only_refuse_update"();
