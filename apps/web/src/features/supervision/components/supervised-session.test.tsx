import { describe, expect, it } from "vitest";
import { elements, renderHtml, textOf, voidElements } from "../../../test/static-render";
import { session } from "../test-fixtures";
import { SupervisedSession } from "./supervised-session";

const noControls = (html: string) => {
  expect(elements(html, "button")).toEqual([]);
  expect(elements(html, "form")).toEqual([]);
  expect(voidElements(html, "input")).toEqual([]);
  expect(elements(html, "textarea")).toEqual([]);
};

describe("SupervisedSession (a supervisor's read-only session record)", () => {
  it("shows the whole signed record and its amendments, with nothing to edit", () => {
    const html = renderHtml(<SupervisedSession session={session()} />);
    noControls(html);
    const text = textOf(html);
    expect(text).toContain("Signed by Tess Marlowe on");
    expect(text).toContain("Done: Review the inventory.");
    expect(text).toContain("Not done: Agree the time limit.");
    expect(text).toContain("Techniques used Clarification");
    expect(text).toContain("Interpersonal incident worked on Invented: an argument with a flatmate.");
    expect(text).toContain("Notes Invented: engaged well.");
    expect(text).toContain("Between-session work Invented: call a friend.");
    expect(text).toContain("Focus for next time Invented: the new job.");
    expect(text).toContain("Reason: Invented: wrong date in the notes.");
  });

  it("says when a record is not signed yet, without amendments", () => {
    const html = renderHtml(
      <SupervisedSession session={session({ signedAt: null, signedBy: null, amendments: [] })} />,
    );
    noControls(html);
    expect(textOf(html)).toContain("Not signed yet");
    expect(elements(html, "h3").map((h3) => h3.text)).not.toContain("Amendments");
  });

  it("shows a cancelled session's reason and planned agenda", () => {
    const html = renderHtml(
      <SupervisedSession
        session={session({
          status: "cancelled",
          number: null,
          cancelReason: "Invented: illness.",
          signedAt: null,
          signedBy: null,
          amendments: [],
        })}
      />,
    );
    noControls(html);
    expect(textOf(html)).toContain("This session was cancelled: Invented: illness.");
    expect(textOf(html)).toContain("Agenda as planned");
  });
});
