-- AlterTable
ALTER TABLE "organisation_settings" ADD COLUMN     "safety" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "risk_flags" ADD COLUMN     "acknowledged_at" TIMESTAMPTZ(3),
ADD COLUMN     "acknowledged_by_id" UUID;

-- AddForeignKey
ALTER TABLE "risk_flags" ADD CONSTRAINT "risk_flags_acknowledged_by_id_fkey" FOREIGN KEY ("acknowledged_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
