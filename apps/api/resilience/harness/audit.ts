// The audit chain check every scenario can run after its faults (issue 16): a sealer run to the end
// (as the API's background sealer would do next), then the whole chain verified. It passes when no
// link or hash is broken and nothing is left unsealed; it prints the figures either way.
import { verifyAuditChain, type ChainReport } from "../../src/audit/chain";
import { sealAuditEvents } from "../../src/audit/sealer";
import { withPrisma } from "./accounts";
import type { Scenario } from "./scenario";

type Reporter = Pick<Scenario, "figure" | "check">;

/** Verifies the chain as the killed or stopped processes left it (no sealing first). */
export async function verifyChainAsLeft(databaseUrl: string): Promise<ChainReport> {
  return withPrisma(databaseUrl, (prisma) => verifyAuditChain(prisma));
}

/** Seals what is unsealed, verifies the chain, prints its figures and records the checks. */
export async function checkAuditChain(
  databaseUrl: string,
  { figure, check }: Reporter,
  label = "audit chain",
): Promise<ChainReport> {
  const report = await withPrisma(databaseUrl, async (prisma) => {
    await sealAuditEvents(prisma, { wait: true });
    return verifyAuditChain(prisma);
  });
  figure(`${label}: events checked`, report.checked);
  figure(`${label}: broken links`, report.firstBroken ? 1 : 0);
  check(
    report.firstBroken === null,
    `${label} is broken at event ${report.firstBroken?.id} (${report.firstBroken?.reason})`,
  );
  check(report.unsealed === 0, `${label}: ${report.unsealed} events left unsealed after a sealer run`);
  return report;
}
