-- IPT-A: a held session records whether a parent or carer attended, and how (joint part, a part on
-- their own, or both); null until recorded (docs/decisions/026).

-- CreateEnum
CREATE TYPE "ParentAttendance" AS ENUM ('none', 'joint', 'parent_only', 'joint_and_parent_only');

-- AlterTable
ALTER TABLE "therapy_sessions" ADD COLUMN     "parent_attendance" "ParentAttendance";
