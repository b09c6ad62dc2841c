-- AlterTable
ALTER TABLE "therapy_sessions" ADD COLUMN     "risk_review_done" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "risk_review_note" TEXT NOT NULL DEFAULT '';
