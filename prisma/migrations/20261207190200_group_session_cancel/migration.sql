-- Group IPT (docs/decisions/027): a whole group session can be cancelled, with its reason; every
-- current member's matching session is cancelled in the same transaction.

-- AlterTable
ALTER TABLE "therapy_group_sessions" ADD COLUMN     "cancel_reason" TEXT,
ADD COLUMN     "cancelled_at" TIMESTAMPTZ(3);
