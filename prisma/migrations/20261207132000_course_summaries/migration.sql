-- What the supervisor's views show of each course, kept current on write (docs/decisions/023). The
-- rows are computed by the API's rules (apps/api/src/supervision/course-summary.ts): the API fills
-- them for existing courses at start-up (rebuildCourseSummaries), so this migration only creates the
-- table.

-- CreateTable
CREATE TABLE "course_summaries" (
    "course_id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "client_name" TEXT NOT NULL,
    "phase" "CoursePhase" NOT NULL,
    "urgency" SMALLINT NOT NULL,
    "risk" BOOLEAN NOT NULL,
    "non_response" BOOLEAN NOT NULL,
    "overdue" BOOLEAN NOT NULL,
    "risk_since" TIMESTAMPTZ(3),
    "open_risk_flags" INTEGER NOT NULL,
    "measured" BOOLEAN NOT NULL,
    "outcome_status" TEXT NOT NULL,
    "row" JSONB NOT NULL,
    "rules_version" INTEGER NOT NULL,
    "refreshed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "course_summaries_pkey" PRIMARY KEY ("course_id")
);

-- CreateIndex
CREATE INDEX "course_summaries_therapist_id_urgency_risk_since_idx" ON "course_summaries"("therapist_id", "urgency", "risk_since");

-- AddForeignKey
ALTER TABLE "course_summaries" ADD CONSTRAINT "course_summaries_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Names compare as the API's lists compare them (Intl.Collator "en", base sensitivity, numeric):
-- case and accents aside, digits by value. Used by the cockpit's ORDER BY.
CREATE COLLATION IF NOT EXISTS "person_name" (provider = icu, locale = 'en-u-ks-level1-kn-true', deterministic = false);
