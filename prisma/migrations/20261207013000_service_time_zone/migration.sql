-- AlterTable
ALTER TABLE "organisation_settings" ADD COLUMN     "time_zone" TEXT NOT NULL DEFAULT 'Europe/London';
