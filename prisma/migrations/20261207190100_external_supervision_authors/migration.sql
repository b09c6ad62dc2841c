-- Supervisors' review threads, messages and fidelity ratings come back with a FHIR import (docs/decisions/018):
-- their author is a user of the exporting instance, not of this one. Such a row names the author only by
-- the user identifier the Bundle gave (`…_external`) and has no local user; it is never attributed to one.
-- Exactly one of the two is set, and only a supervisor's record may name an external author (the
-- therapist's side is the assigned therapist's). The CHECKs are not modelled by Prisma.

-- AlterTable
ALTER TABLE "review_threads" ADD COLUMN     "opened_by_external" TEXT,
ALTER COLUMN "opened_by_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "review_messages" ADD COLUMN     "author_external" TEXT,
ALTER COLUMN "author_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "fidelity_ratings" ADD COLUMN     "rater_external" TEXT,
ALTER COLUMN "rater_id" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "fidelity_ratings_session_id_rater_external_key" ON "fidelity_ratings"("session_id", "rater_external");

-- One author, local or external; an external one only for a supervisor's record.
ALTER TABLE "review_threads" ADD CONSTRAINT "review_threads_one_opener" CHECK (
  ("opened_by_id" IS NULL) <> ("opened_by_external" IS NULL)
  AND ("opened_by_external" IS NULL
       OR ("opened_by_role" = 'supervisor' AND char_length("opened_by_external") BETWEEN 1 AND 64))
);
ALTER TABLE "review_messages" ADD CONSTRAINT "review_messages_one_author" CHECK (
  ("author_id" IS NULL) <> ("author_external" IS NULL)
  AND ("author_external" IS NULL
       OR ("author_role" = 'supervisor' AND char_length("author_external") BETWEEN 1 AND 64))
);
ALTER TABLE "fidelity_ratings" ADD CONSTRAINT "fidelity_ratings_one_rater" CHECK (
  ("rater_id" IS NULL) <> ("rater_external" IS NULL)
  AND ("rater_external" IS NULL
       OR ("rater_role" = 'supervisor' AND char_length("rater_external") BETWEEN 1 AND 64))
);
