-- Why the ending was raised more than 4 sessions before the end (null when on time).
ALTER TABLE "courses" ADD COLUMN "termination_early_reason" TEXT;
