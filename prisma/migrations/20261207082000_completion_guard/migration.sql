-- CreateEnum
CREATE TYPE "NonResponseOffer" AS ENUM ('further_treatment_offered', 'referral_offered', 'neither_offered');

-- AlterTable
ALTER TABLE "courses" ADD COLUMN     "no_final_score_reason" TEXT,
ADD COLUMN     "non_response_offer" "NonResponseOffer";
