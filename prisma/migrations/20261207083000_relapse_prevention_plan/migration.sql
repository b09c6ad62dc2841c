-- AlterTable
ALTER TABLE "courses" ADD COLUMN     "relapse_people" TEXT,
ADD COLUMN     "relapse_warning_signs" TEXT,
ADD COLUMN     "relapse_what_helped" TEXT;
