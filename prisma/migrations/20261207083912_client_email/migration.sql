-- AlterTable
ALTER TABLE "clients" ADD COLUMN     "email" TEXT;

