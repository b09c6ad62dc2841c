// The check every scenario that writes courses ends with (issue 16, "Bad input and faults"): each
// stored course summary equals what the rules compute from scratch now (verifyCourseSummaries), so
// no crash, restart or second instance left a summary behind its course.
import { verifyCourseSummaries } from "../../src/supervision/course-summary";
import { withPrisma } from "./accounts";
import type { Scenario } from "./scenario";

export async function checkCourseSummaries(
  databaseUrl: string,
  { figure, check }: Pick<Scenario, "figure" | "check">,
): Promise<void> {
  const { checked, mismatches } = await withPrisma(databaseUrl, (prisma) => verifyCourseSummaries(prisma));
  figure("course summaries checked", checked);
  figure("course summaries differing from the rules", mismatches.length);
  check(
    mismatches.length === 0,
    `course summaries differ from the rules: ${mismatches
      .slice(0, 5)
      .map((mismatch) => `${mismatch.courseId} (${mismatch.problem})`)
      .join(", ")}`,
  );
}
