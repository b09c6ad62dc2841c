-- Group IPT (docs/decisions/027): a therapy group of one therapist with its weekly group sessions;
-- each member is a course of kind "group" naming the group, whose sessions follow the group sessions
-- (plus the member's pre-group and closing individual meetings); attendance per member per group session.

-- AlterEnum
ALTER TYPE "CourseKind" ADD VALUE 'group';

-- CreateEnum
CREATE TYPE "GroupAttendanceStatus" AS ENUM ('attended', 'absent', 'cancelled');

-- AlterTable
ALTER TABLE "courses" ADD COLUMN     "group_id" UUID,
ADD COLUMN     "group_left_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "therapy_sessions" ADD COLUMN     "group_session_id" UUID;

-- CreateTable
CREATE TABLE "therapy_groups" (
    "id" UUID NOT NULL,
    "therapist_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "lineage" "Lineage" NOT NULL,
    "group_sessions" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "session_weekday" INTEGER NOT NULL,
    "session_time" TEXT NOT NULL,
    "session_minutes" INTEGER NOT NULL,
    "template_version" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "therapy_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "therapy_group_sessions" (
    "id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "planned_date" DATE NOT NULL,
    "start_time" TEXT NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "phase" "SessionPhase" NOT NULL,
    "slot" TEXT NOT NULL,
    "agenda" JSONB NOT NULL DEFAULT '[]',
    "attendance_recorded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "therapy_group_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "group_attendance" (
    "id" UUID NOT NULL,
    "group_session_id" UUID NOT NULL,
    "course_id" UUID NOT NULL,
    "status" "GroupAttendanceStatus" NOT NULL,
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_attendance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "courses_group_id_idx" ON "courses"("group_id");

-- CreateIndex
CREATE INDEX "therapy_sessions_group_session_id_idx" ON "therapy_sessions"("group_session_id");

-- CreateIndex
CREATE INDEX "therapy_groups_therapist_id_idx" ON "therapy_groups"("therapist_id");

-- CreateIndex
CREATE UNIQUE INDEX "therapy_group_sessions_group_id_number_key" ON "therapy_group_sessions"("group_id", "number");

-- CreateIndex
CREATE INDEX "group_attendance_course_id_idx" ON "group_attendance"("course_id");

-- CreateIndex
CREATE UNIQUE INDEX "group_attendance_group_session_id_course_id_key" ON "group_attendance"("group_session_id", "course_id");

-- AddForeignKey
ALTER TABLE "courses" ADD CONSTRAINT "courses_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "therapy_groups"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "therapy_groups" ADD CONSTRAINT "therapy_groups_therapist_id_fkey" FOREIGN KEY ("therapist_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "therapy_group_sessions" ADD CONSTRAINT "therapy_group_sessions_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "therapy_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_attendance" ADD CONSTRAINT "group_attendance_group_session_id_fkey" FOREIGN KEY ("group_session_id") REFERENCES "therapy_group_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_attendance" ADD CONSTRAINT "group_attendance_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "group_attendance" ADD CONSTRAINT "group_attendance_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "therapy_sessions" ADD CONSTRAINT "therapy_sessions_group_session_id_fkey" FOREIGN KEY ("group_session_id") REFERENCES "therapy_group_sessions"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- Groups, their sessions and attendance are clinical records: never deleted (as every clinical table,
-- docs/decisions/004); attendance is kept as written.
CREATE TRIGGER "therapy_groups_no_delete"
  BEFORE DELETE OR TRUNCATE ON "therapy_groups"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "therapy_group_sessions_no_delete"
  BEFORE DELETE OR TRUNCATE ON "therapy_group_sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "group_attendance_no_delete"
  BEFORE DELETE OR TRUNCATE ON "group_attendance"
  FOR EACH STATEMENT EXECUTE FUNCTION "clinical_refuse_delete"();

CREATE TRIGGER "group_attendance_no_update"
  BEFORE UPDATE ON "group_attendance"
  FOR EACH ROW EXECUTE FUNCTION "clinical_append_only_refuse_update"();
