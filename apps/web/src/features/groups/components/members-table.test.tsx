// The group's members through the DOM: a member with an open risk flag comes first, the flag in red
// and in words; each member links to their own course.
import { groupDetail, type GroupDetail } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { testId } from "../../../test/fixtures";
import { rowsByHeader, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { MembersTable } from "./members-table";

const member = (n: number, name: string, extra: Partial<GroupDetail["members"][number]> = {}) => ({
  courseId: testId(810 + n),
  client: { id: testId(820 + n), displayName: name },
  phase: "middle" as const,
  primaryArea: null,
  openRiskFlags: 0,
  latestPhq9: null,
  joinedAt: "2026-01-20T10:00:00.000Z",
  leftAt: null,
  ...extra,
});

const group: GroupDetail = groupDetail.parse({
  id: testId(800),
  name: "Monday group A",
  lineage: "weissman",
  groupSessions: 8,
  startDate: "2026-02-02",
  sessionWeekday: 1,
  sessionTime: "14:00",
  sessionMinutes: 90,
  midGroupMeeting: false,
  templateVersion: "test",
  version: 1,
  members: [
    member(1, "Member A (invented)", { primaryArea: "grief" }),
    member(2, "Member B (invented)", {
      primaryArea: "role_transition",
      openRiskFlags: 2,
      latestPhq9: {
        total: 17,
        sessionNumber: 3,
        band: { key: "moderately_severe", label: "Moderately severe" },
      },
    }),
    member(3, "Member C (invented)", { leftAt: "2026-02-10T10:00:00.000Z" }),
  ],
  sessions: [],
});

describe("the group's members", () => {
  it("puts the member with open risk flags first, in red and in words, and leaves out those who left", () => {
    renderWithProviders(<MembersTable group={group} onRemove={() => undefined} />);
    const table = screen.getByRole("table", { name: "Members of the group" });
    const rows = rowsByHeader(table);
    expect(rows.map((row) => textOf(row.Member?.querySelector("a")))).toEqual([
      "Member B (invented)",
      "Member A (invented)",
    ]);
    const [first, second] = rows;
    expect(textOf(first?.["Open risk flags"])).toBe("Urgent: 2 open risk flags");
    expect(first?.["Open risk flags"]?.querySelector(".badge--flag-red")).not.toBeNull();
    expect(textOf(second?.["Open risk flags"])).toBe("None");
    expect(within(table).getByRole("link", { name: "Member B (invented)" }).getAttribute("href")).toBe(
      `/courses/${testId(812)}`,
    );
    // The button is in its column and, folded for a narrow table, under the member's name.
    expect(
      within(table).getAllByRole("button", { name: /^Remove from the group ?: Member B \(invented\)$/ })
        .length,
    ).toBeGreaterThan(0);
  });
});
