-- Maintenance IPT (docs/decisions/026): a maintenance course is a new course of the same client, under
-- a new contract, that names the completed acute course it continues; its sessions are in the
-- "maintenance" phase, monthly (every 4 weeks) by default.

-- CreateEnum
CREATE TYPE "CourseKind" AS ENUM ('acute', 'maintenance');

-- AlterEnum
ALTER TYPE "CoursePhase" ADD VALUE 'maintenance';

-- AlterEnum
ALTER TYPE "Frequency" ADD VALUE 'monthly';

-- AlterEnum
ALTER TYPE "SessionPhase" ADD VALUE 'maintenance';

-- AlterTable
ALTER TABLE "courses" ADD COLUMN     "acute_course_id" UUID,
ADD COLUMN     "kind" "CourseKind" NOT NULL DEFAULT 'acute';

-- CreateIndex
CREATE INDEX "courses_acute_course_id_idx" ON "courses"("acute_course_id");

-- AddForeignKey
ALTER TABLE "courses" ADD CONSTRAINT "courses_acute_course_id_fkey" FOREIGN KEY ("acute_course_id") REFERENCES "courses"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

