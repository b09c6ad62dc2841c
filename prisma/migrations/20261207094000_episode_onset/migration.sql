-- The date the current episode began (the interpersonal timeline); null until the therapist records it.
ALTER TABLE "courses" ADD COLUMN "episode_onset_on" DATE;
