import { describe, expect, it } from "vitest";
import { elements, renderHtml, textOf } from "../../../test/static-render";
import { attention, COURSE_ID, SESSION_ID, SUPERVISOR, uuid } from "../test-fixtures";
import { AttentionList } from "./attention-list";

/** Each group's heading with its entries' link texts and addresses. */
function groupsOf(html: string) {
  return elements(html, "section").map((section) => ({
    heading: elements(section.inner, "h2")[0]?.text,
    links: elements(section.inner, "a").map((link) => [link.text, link.attrs.href]),
  }));
}

describe("the attention list", () => {
  it("says when nothing waits", () => {
    const html = renderHtml(<AttentionList items={[]} />);
    expect(textOf(html)).toBe("Nothing needs your attention.");
    expect(elements(html, "h2")).toEqual([]);
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
    const html = renderHtml(<AttentionList items={items} />);
    expect(groupsOf(html)).toEqual([
      {
        heading: "Risk follow-ups",
        links: [
          ["Client A, session 2", `/sessions/${SESSION_ID}`],
          ["Client B", `/courses/${COURSE_ID}`],
        ],
      },
      {
        heading: "Change requests",
        links: [
          ["Client A, formulation", `/courses/${COURSE_ID}`],
          ["Client A, session 2", `/sessions/${SESSION_ID}`],
        ],
      },
      { heading: "Sessions to sign", links: [["Client A, session 3", `/sessions/${uuid(103)}`]] },
    ]);
  });

  it("says what it is, from whom and since when", () => {
    const html = renderHtml(
      <AttentionList
        items={[attention("comment", { target: "plan", threadId: uuid(503), from: SUPERVISOR })]}
      />,
    );
    expect(groupsOf(html)[0]?.heading).toBe("Comments awaiting your reply");
    const entry = elements(html, "li")[0];
    expect(entry?.text).toMatch(/^Client A, plan Comment from Sam Okafor\. Waiting since 10 Sept 2026 ?\.$/);
    expect(elements(entry?.inner ?? "", "time")[0]?.attrs.dateTime).toBe("2026-09-10T10:00:00.000Z");
  });

  it("gives each group heading its own id", () => {
    const html = renderHtml(
      <AttentionList
        items={[attention("risk_follow_up"), attention("unsigned_session", { sessionId: SESSION_ID })]}
      />,
    );
    const ids = elements(html, "h2").map((h2) => h2.attrs.id);
    expect(new Set(ids).size).toBe(2);
  });
});
