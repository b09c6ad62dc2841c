-- Supervisors' co-signatures and risk-flag acknowledgements come back with a FHIR import too
-- (docs/decisions/018): they were given at the exporting instance by one of its users, so such a row names
-- the supervisor only by the user identifier the Bundle gave (`…_external`) and has no local user; it is
-- never attributed to one. The CHECKs are not modelled by Prisma.

-- AlterTable
ALTER TABLE "cosignatures" ADD COLUMN     "supervisor_external" TEXT,
ALTER COLUMN "supervisor_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "risk_flags" ADD COLUMN     "acknowledged_by_external" TEXT;

-- A co-signature has one signer, local or external.
ALTER TABLE "cosignatures" ADD CONSTRAINT "cosignatures_one_supervisor" CHECK (
  ("supervisor_id" IS NULL) <> ("supervisor_external" IS NULL)
  AND ("supervisor_external" IS NULL OR char_length("supervisor_external") BETWEEN 1 AND 64)
);

-- An external acknowledgement has its time and no local acknowledger.
ALTER TABLE "risk_flags" ADD CONSTRAINT "risk_flags_one_acknowledger" CHECK (
  "acknowledged_by_external" IS NULL
  OR ("acknowledged_by_id" IS NULL AND "acknowledged_at" IS NOT NULL
      AND char_length("acknowledged_by_external") BETWEEN 1 AND 64)
);
