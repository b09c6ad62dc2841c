import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { attention, COURSE_ID, SESSION_ID, SUPERVISOR, uuid } from "../test-fixtures";
import { AttentionList } from "./attention-list";

/** Each group (a region named by its heading) with its entries' link texts and addresses. */
function groups() {
  return screen.getAllByRole("region").map((region) => ({
    heading: within(region).getByRole("heading", { level: 2 }).textContent,
    links: within(region)
      .getAllByRole("link")
      .map((link) => [link.textContent, link.getAttribute("href")]),
  }));
}

describe("the attention list", () => {
  it("says when nothing waits", () => {
    const { container } = renderWithProviders(<AttentionList items={[]} />);
    expect(textOf(container)).toBe("Nothing needs your attention.");
    expect(screen.queryAllByRole("heading")).toEqual([]);
  });

  it("groups by kind in order, leaving out empty groups, each entry linking to where it is dealt with", () => {
    const items = [
      attention("risk_follow_up", { sessionId: SESSION_ID, sessionNumber: 2 }),
      attention("risk_follow_up", { client: { id: uuid(10), displayName: "Client B" } }),
      attention("change_request", {
        target: "formulation",
        threadId: uuid(501),
        from: SUPERVISOR,
      }),
      attention("change_request", {
        target: "session",
        sessionId: SESSION_ID,
        sessionNumber: 2,
        threadId: uuid(502),
        from: SUPERVISOR,
      }),
      attention("unsigned_session", { sessionId: uuid(103), sessionNumber: 3 }),
    ];
    renderWithProviders(<AttentionList items={items} />);
    expect(groups()).toEqual([
      {
        heading: "Risk follow-ups",
        links: [
          ["Client A, session 2", `/sessions/${SESSION_ID}/measures`],
          ["Client B", `/courses/${COURSE_ID}`],
        ],
      },
      {
        heading: "Change requests",
        links: [
          ["Client A, formulation", `/courses/${COURSE_ID}`],
          ["Client A, session 2", `/sessions/${SESSION_ID}/supervision`],
        ],
      },
      { heading: "Sessions to sign", links: [["Client A, session 3", `/sessions/${uuid(103)}`]] },
    ]);
  });

  it("says what it is, from whom and since when", () => {
    renderWithProviders(
      <AttentionList
        items={[attention("comment", { target: "plan", threadId: uuid(503), from: SUPERVISOR })]}
      />,
    );
    expect(groups()[0]?.heading).toBe("Comments awaiting your reply");
    const entry = screen.getByRole("listitem");
    expect(textOf(entry)).toMatch(
      /^Client A, plan Comment from Sam Okafor\. Waiting since 10 Sept 2026 ?\.$/,
    );
    expect(entry.querySelector("time")?.dateTime).toBe("2026-09-10T10:00:00.000Z");
  });

  it("counts the changes to who can read the caseload last, linking to the page that lists them", () => {
    renderWithProviders(<AttentionList items={[attention("risk_follow_up")]} caseloadAccessChanges={2} />);
    expect(groups()).toEqual([
      { heading: "Risk follow-ups", links: [["Client A", `/courses/${COURSE_ID}`]] },
      {
        heading: "Access to your caseload",
        links: [["2 changes to who can read your caseload", "/account/caseload-access"]],
      },
    ]);
  });

  it("shows one change to who can read the caseload even when nothing else waits", () => {
    renderWithProviders(<AttentionList items={[]} caseloadAccessChanges={1} />);
    expect(screen.queryByText("Nothing needs your attention.")).toBeNull();
    expect(
      screen.getByRole("link", { name: "1 change to who can read your caseload" }).getAttribute("href"),
    ).toBe("/account/caseload-access");
  });

  it("gives each group heading its own id, so each region is named by its own heading", () => {
    renderWithProviders(
      <AttentionList
        items={[attention("risk_follow_up"), attention("unsigned_session", { sessionId: SESSION_ID })]}
      />,
    );
    const ids = screen.getAllByRole("heading", { level: 2 }).map((heading) => heading.id);
    expect(new Set(ids).size).toBe(2);
    expect(screen.getByRole("region", { name: "Risk follow-ups" })).toBeTruthy();
    expect(screen.getByRole("region", { name: "Sessions to sign" })).toBeTruthy();
  });
});
