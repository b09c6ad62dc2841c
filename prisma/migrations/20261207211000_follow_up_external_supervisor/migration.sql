-- The supervisor a safety follow-up names as informed comes back with a FHIR import too
-- (docs/decisions/018): one of the exporting instance's users, so an imported follow-up names them only
-- by the user identifier the Bundle gave (`supervisor_external`), never a local user. The CHECK is not
-- modelled by Prisma.

-- AlterTable
ALTER TABLE "safety_follow_ups" ADD COLUMN     "supervisor_external" TEXT;

-- A follow-up names at most one supervisor, local or external, and an external one only when a
-- supervisor was informed.
ALTER TABLE "safety_follow_ups" ADD CONSTRAINT "safety_follow_ups_one_supervisor" CHECK (
  "supervisor_external" IS NULL
  OR ("supervisor_id" IS NULL AND "supervisor_informed"
      AND char_length("supervisor_external") BETWEEN 1 AND 64)
);
