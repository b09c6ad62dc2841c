import { supervisionRiskFlagsResponse } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { elements, renderHtml, textOf } from "../../../test/static-render";
import { openFlagsText } from "./open-flags-notice";
import { RiskFlagsTable } from "./risk-flags-table";

const { items } = supervisionRiskFlagsResponse.parse({
  items: [
    {
      riskFlagId: "7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e01",
      raisedAt: "2026-02-02T10:00:00.000Z",
      itemValue: 2,
      sessionNumber: 3,
      followUpRecorded: false,
      courseId: "7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e02",
      client: { id: "7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e03", displayName: "Client C (invented)" },
      therapist: { id: "7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e04", name: "Therapist T", email: "t@example.test" },
    },
  ],
});

describe("supervisor's open risk flags", () => {
  it("says plainly when there are none (no empty table)", () => {
    const html = renderHtml(<RiskFlagsTable flags={[]} />);
    expect(elements(html, "table")).toHaveLength(0);
    expect(textOf(html)).toBe("No open risk flags among your supervisees' clients.");
  });

  it("lists each flag with client, therapist, session, the item 9 answer in words and a link to its scores", () => {
    const html = renderHtml(<RiskFlagsTable flags={items} />);
    const [row] = elements(elements(html, "tbody")[0]?.inner ?? "", "tr");
    expect(row?.text).toMatch(
      /^Client C \(invented\) Therapist T Session 3 \d.+2026 ! Urgent: 2: More than half the days Not recorded Scores and risk for Client C \(invented\)$/,
    );
    expect(row?.inner).toContain("badge--flag-red");
    expect(row?.inner).toContain('href="/courses/7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e02/measures"');
    expect(elements(html, "caption")[0]?.text).toBe("Open risk flags, oldest first");
  });

  it("counts open flags for the supervisees page notice", () => {
    expect(openFlagsText(1)).toBe("1 open risk flag among your supervisees' clients.");
    expect(openFlagsText(3)).toBe("3 open risk flags among your supervisees' clients.");
  });
});
