-- CreateEnum
CREATE TYPE "FidelityRaterRole" AS ENUM ('self', 'supervisor');

-- CreateTable
CREATE TABLE "fidelity_ratings" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "rater_id" UUID NOT NULL,
    "rater_role" "FidelityRaterRole" NOT NULL,
    "scores" JSONB NOT NULL,
    "average" DOUBLE PRECISION,
    "comment" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "fidelity_ratings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "fidelity_ratings_therapist_id_rater_role_idx" ON "fidelity_ratings"("therapist_id", "rater_role");

-- CreateIndex
CREATE UNIQUE INDEX "fidelity_ratings_session_id_rater_id_key" ON "fidelity_ratings"("session_id", "rater_id");

-- AddForeignKey
ALTER TABLE "fidelity_ratings" ADD CONSTRAINT "fidelity_ratings_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "therapy_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fidelity_ratings" ADD CONSTRAINT "fidelity_ratings_rater_id_fkey" FOREIGN KEY ("rater_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

