-- The grief problem area's structured tasks on the course (null until recorded): the events around
-- the death, the relationship with the person who died reconstructed (both sides), avoided grief.
ALTER TABLE "courses" ADD COLUMN "grief_death_events" TEXT,
ADD COLUMN "grief_relationship_positive" TEXT,
ADD COLUMN "grief_relationship_negative" TEXT,
ADD COLUMN "grief_avoided_grief" TEXT;
