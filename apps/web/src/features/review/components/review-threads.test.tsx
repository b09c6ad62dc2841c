import type { ReviewAuthorRole, ReviewThread } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { elements, labelFor, renderHtml, textOf } from "../../../test/static-render";
import { COURSE_ID, SESSION_ID, SUPERVISOR, THERAPIST, thread } from "../test-fixtures";
import { ResolveForm } from "./review-thread";
import { ReviewThreadsView } from "./review-threads";

const scope = { courseId: COURSE_ID, target: "session" as const, sessionId: SESSION_ID };
const reload = () => Promise.resolve();

function render(threads: ReviewThread[], viewerRole: ReviewAuthorRole, headingLevel: 3 | 4 = 3) {
  return renderHtml(
    <ReviewThreadsView
      scope={scope}
      threads={threads}
      viewerRole={viewerRole}
      headingLevel={headingLevel}
      onReload={reload}
    />,
  );
}

const buttons = (html: string) => elements(html, "button").map((button) => button.text);

/** Each textarea's label, in order. */
const textareaLabels = (html: string) =>
  elements(html, "textarea").map((textarea) => labelFor(html, textarea.attrs.id ?? ""));

const changeRequest = thread(1, {
  kind: "change_request",
  messages: [
    {
      id: "00000000-0000-4000-8000-000000000701",
      author: SUPERVISOR,
      authorRole: "supervisor",
      body: "Invented: please add the incident.",
      createdAt: "2026-09-10T10:00:00.000Z",
    },
    {
      id: "00000000-0000-4000-8000-000000000702",
      author: THERAPIST,
      authorRole: "therapist",
      body: "Invented: added as an amendment.",
      createdAt: "2026-09-11T09:30:00.000Z",
    },
  ],
});
const resolved = thread(2, {
  status: "resolved",
  resolvedAt: "2026-09-12T08:00:00.000Z",
  resolvedBy: THERAPIST,
  resolution: "Invented: incident added.",
  version: 2,
});

describe("review threads", () => {
  it("says when there are no comments yet, and offers a new comment", () => {
    const html = render([], "therapist");
    expect(textOf(html)).toContain("No comments yet.");
    expect(textareaLabels(html)).toEqual(["New comment"]);
    expect(elements(html, "article")).toEqual([]);
  });

  it("gives a supervisor both ways to start a thread, and a reply but no resolve on an open one", () => {
    const html = render([changeRequest], "supervisor");
    expect(textareaLabels(html)).toEqual(["Reply", "New comment"]);
    expect(buttons(html)).toEqual(["Send reply", "Add comment", "Request changes"]);
  });

  it("gives the therapist comments only, and a reply and Mark resolved on an open thread", () => {
    const html = render([changeRequest], "therapist");
    expect(textareaLabels(html)).toEqual(["Reply", "New comment"]);
    expect(buttons(html)).toEqual(["Send reply", "Mark resolved", "Add comment"]);
  });

  it("heads each thread with its kind at the level asked for, with its status in words", () => {
    const html = render([changeRequest, resolved], "therapist", 4);
    const articles = elements(html, "article");
    expect(articles.map((article) => elements(article.inner, "h4")[0]?.text)).toEqual([
      "Change request",
      "Comment",
    ]);
    expect(articles[0]?.text).toContain("Open");
    expect(articles[1]?.text).toContain("Resolved");
    // Each article is named by its own heading.
    const headingIds = articles.map((article) => article.attrs["aria-labelledby"]);
    expect(new Set(headingIds).size).toBe(2);
  });

  it("shows messages oldest first with author, role, date and text", () => {
    const [article] = elements(render([changeRequest], "supervisor"), "article");
    const messages = elements(article?.inner ?? "", "li").map((li) => li.text);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(
      /^Sam Okafor \(supervisor\), 10 Sept 2026, \d\d:00 Invented: please add the incident\.$/,
    );
    expect(messages[1]).toMatch(
      /^Tess Marlowe \(therapist\), 11 Sept 2026, \d\d:30 Invented: added as an amendment\.$/,
    );
    expect(elements(article?.inner ?? "", "time")[0]?.attrs.dateTime).toBe("2026-09-10T10:00:00.000Z");
  });

  it("shows who resolved a thread, when and what changed, with no reply or resolve left", () => {
    const html = render([resolved], "therapist");
    const [article] = elements(html, "article");
    expect(article?.text).toMatch(/Resolved by Tess Marlowe on 12 Sept 2026, \d\d:00/);
    expect(article?.text).toContain("Invented: incident added.");
    expect(elements(article?.inner ?? "", "textarea")).toEqual([]);
    expect(elements(article?.inner ?? "", "button")).toEqual([]);
  });

  it("gives every field its own id, even with several threads on the page", () => {
    const html = render([changeRequest, thread(3)], "therapist");
    const ids = elements(html, "textarea").map((textarea) => textarea.attrs.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });
});

describe("resolving a thread", () => {
  it("asks what changed (optional) and confirms, or cancels", () => {
    const html = renderHtml(
      <ResolveForm thread={changeRequest} onCancel={() => {}} onResolved={() => {}} onReload={reload} />,
    );
    expect(textareaLabels(html)).toEqual(["What changed (optional)"]);
    expect(buttons(html)).toEqual(["Confirm resolved", "Cancel"]);
  });
});
