-- Group IPT (docs/decisions/027): a group may give each member IPT-G's mid-treatment individual
-- meeting after group session N/2 (rounded down) [S17a]; off by default, as the WHO format has none.

-- AlterTable
ALTER TABLE "therapy_groups" ADD COLUMN     "mid_group_meeting" BOOLEAN NOT NULL DEFAULT false;
