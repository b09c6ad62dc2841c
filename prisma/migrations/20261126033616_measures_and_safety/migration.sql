-- CreateEnum
CREATE TYPE "MeasureInstrument" AS ENUM ('phq9', 'gad7', 'hamd17');

-- CreateEnum
CREATE TYPE "DifficultyLevel" AS ENUM ('not_difficult', 'somewhat', 'very', 'extremely');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('low', 'moderate', 'high');

-- CreateEnum
CREATE TYPE "SafetyPlanAction" AS ENUM ('reviewed', 'made');

-- CreateTable
CREATE TABLE "measure_scores" (
    "id" UUID NOT NULL,
    "course_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "instrument" "MeasureInstrument" NOT NULL,
    "items" INTEGER[],
    "total" INTEGER NOT NULL,
    "difficulty" "DifficultyLevel",
    "administered_on" DATE NOT NULL,
    "corrects_id" UUID,
    "correction_reason" TEXT,
    "entered_by_id" UUID NOT NULL,
    "entered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "measure_scores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_flags" (
    "id" UUID NOT NULL,
    "course_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "score_id" UUID NOT NULL,
    "item_value" INTEGER NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" UUID,
    "resolution_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "risk_flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "safety_follow_ups" (
    "id" UUID NOT NULL,
    "risk_flag_id" UUID NOT NULL,
    "recorded_by_id" UUID NOT NULL,
    "risk_level" "RiskLevel" NOT NULL,
    "actions_taken" TEXT NOT NULL,
    "safety_plan" "SafetyPlanAction" NOT NULL,
    "supervisor_informed" BOOLEAN NOT NULL,
    "supervisor_id" UUID,
    "followed_up_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "safety_follow_ups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organisation_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "measurement" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" UUID,

    CONSTRAINT "organisation_settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "measure_scores_corrects_id_key" ON "measure_scores"("corrects_id");

-- CreateIndex
CREATE INDEX "measure_scores_course_id_entered_at_idx" ON "measure_scores"("course_id", "entered_at");

-- CreateIndex
CREATE INDEX "measure_scores_session_id_idx" ON "measure_scores"("session_id");

-- CreateIndex
CREATE UNIQUE INDEX "risk_flags_score_id_key" ON "risk_flags"("score_id");

-- CreateIndex
CREATE INDEX "risk_flags_course_id_raised_at_idx" ON "risk_flags"("course_id", "raised_at");

-- CreateIndex
CREATE INDEX "risk_flags_session_id_idx" ON "risk_flags"("session_id");

-- CreateIndex
CREATE INDEX "safety_follow_ups_risk_flag_id_created_at_idx" ON "safety_follow_ups"("risk_flag_id", "created_at");

-- AddForeignKey
ALTER TABLE "measure_scores" ADD CONSTRAINT "measure_scores_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "measure_scores" ADD CONSTRAINT "measure_scores_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "therapy_sessions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "measure_scores" ADD CONSTRAINT "measure_scores_corrects_id_fkey" FOREIGN KEY ("corrects_id") REFERENCES "measure_scores"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "measure_scores" ADD CONSTRAINT "measure_scores_entered_by_id_fkey" FOREIGN KEY ("entered_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_flags" ADD CONSTRAINT "risk_flags_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_flags" ADD CONSTRAINT "risk_flags_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "therapy_sessions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_flags" ADD CONSTRAINT "risk_flags_score_id_fkey" FOREIGN KEY ("score_id") REFERENCES "measure_scores"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_flags" ADD CONSTRAINT "risk_flags_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "safety_follow_ups" ADD CONSTRAINT "safety_follow_ups_risk_flag_id_fkey" FOREIGN KEY ("risk_flag_id") REFERENCES "risk_flags"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "safety_follow_ups" ADD CONSTRAINT "safety_follow_ups_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "safety_follow_ups" ADD CONSTRAINT "safety_follow_ups_supervisor_id_fkey" FOREIGN KEY ("supervisor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "organisation_settings" ADD CONSTRAINT "organisation_settings_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Scores and safety follow-ups are never rewritten: a correction is a new score naming the one it
-- corrects, and a follow-up is a new row. The database refuses UPDATE on both.
CREATE FUNCTION "clinical_append_only_refuse_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "measure_scores_no_update"
  BEFORE UPDATE ON "measure_scores"
  FOR EACH ROW EXECUTE FUNCTION "clinical_append_only_refuse_update"();

CREATE TRIGGER "safety_follow_ups_no_update"
  BEFORE UPDATE ON "safety_follow_ups"
  FOR EACH ROW EXECUTE FUNCTION "clinical_append_only_refuse_update"();
