// The caseload with measures and risk stays a fixed number of queries per page: counted with Prisma's
// query events on an app built over the same test database, for a small and a large caseload.
import { caseloadResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../../test/helpers/app";
import { courseFor, signedInAs, type Clinician } from "../../../test/helpers/clinical";
import { heldSession, recordGad7, recordPhq9 } from "../../../test/helpers/measures";
import { queryCountingApp } from "../../../test/helpers/query-count";

const { app, prisma, databaseUrl } = await createTestApp();

const counting = await queryCountingApp(databaseUrl);

/** Adds a client whose course has a held session with a PHQ-9 (item 9 above 0) and a GAD-7. */
async function scoredClient(who: Clinician) {
  const course = await courseFor(who, { phase: "middle" });
  const session = await heldSession(who, course, 1);
  await recordPhq9(who, course.id, session.id, 15, 1);
  await recordGad7(who, course.id, session.id, 9);
  await heldSession(who, course, 2);
}

/** The number of queries one caseload request makes, and the page it answers. */
async function countedCaseload(email: string) {
  const { queries, response } = await counting.countedGet(email, "/api/clients?pageSize=100");
  return { counted: queries, page: caseloadResponse.parse(response.json()) };
}

describe("caseload queries", () => {
  it("do not grow with the number of clients, scores or risk flags", async () => {
    const small = await signedInAs(app, prisma);
    await scoredClient(small);
    const large = await signedInAs(app, prisma);
    for (let i = 0; i < 6; i++) await scoredClient(large);

    const one = await countedCaseload(small.email);
    const six = await countedCaseload(large.email);

    expect(one.page.items).toHaveLength(1);
    expect(six.page.items).toHaveLength(6);
    for (const entry of six.page.items) {
      expect(entry.measures).toMatchObject({
        latestPhq9: { total: 15 },
        latestGad7: { total: 9 },
        openRiskFlags: 1,
      });
      expect(entry.flags[0]).toMatchObject({ code: "risk_item9", severity: "red" });
    }
    expect(one.counted).toBeGreaterThan(0);
    expect(six.counted).toBe(one.counted);
  });
});
