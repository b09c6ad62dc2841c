import { reviewThread, type ReviewAuthorRole, type ReviewThread } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { COURSE_ID, SESSION_ID, SUPERVISOR, THERAPIST, thread } from "../test-fixtures";
import { ResolveForm } from "./review-thread";
import { ReviewThreadsView } from "./review-threads";

const scope = { courseId: COURSE_ID, target: "session" as const, sessionId: SESSION_ID };
const reload = () => Promise.resolve();

function renderThreads(threads: ReviewThread[], viewerRole: ReviewAuthorRole, headingLevel: 3 | 4 = 3) {
  return renderWithProviders(
    <ReviewThreadsView
      scope={scope}
      threads={threads}
      viewerRole={viewerRole}
      headingLevel={headingLevel}
      onReload={reload}
    />,
  );
}

const buttons = () => screen.getAllByRole("button").map(textOf);

/** Each text box's label, in order. */
const textboxLabels = () =>
  screen.getAllByRole<HTMLTextAreaElement>("textbox").map((box) => box.labels[0]?.textContent);

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
    renderThreads([], "therapist");
    expect(screen.getByText("No comments yet.")).toBeTruthy();
    expect(textboxLabels()).toEqual(["New comment"]);
    expect(screen.queryAllByRole("article")).toEqual([]);
  });

  it("gives a supervisor both ways to start a thread, and a reply but no resolve on an open one", () => {
    renderThreads([changeRequest], "supervisor");
    expect(textboxLabels()).toEqual(["Reply", "New comment"]);
    expect(buttons()).toEqual(["Send reply", "Add comment", "Request changes"]);
  });

  it("gives the therapist comments only, and a reply and Mark resolved on an open thread", () => {
    renderThreads([changeRequest], "therapist");
    expect(textboxLabels()).toEqual(["Reply", "New comment"]);
    expect(buttons()).toEqual(["Send reply", "Mark resolved", "Add comment"]);
  });

  it("heads each thread with its kind at the level asked for, with its status in words", () => {
    renderThreads([changeRequest, resolved], "therapist", 4);
    const articles = screen.getAllByRole("article");
    expect(articles.map((article) => within(article).getByRole("heading", { level: 4 }).textContent)).toEqual(
      ["Change request", "Comment"],
    );
    expect(textOf(articles[0])).toContain("Open");
    expect(textOf(articles[1])).toContain("Resolved");
    // Each article is named by its own heading.
    expect(screen.getByRole("article", { name: "Change request" })).toBe(articles[0]);
    expect(screen.getByRole("article", { name: "Comment" })).toBe(articles[1]);
  });

  it("shows messages oldest first with author, role, date and text", () => {
    renderThreads([changeRequest], "supervisor");
    const article = screen.getByRole("article");
    const messages = within(article).getAllByRole("listitem").map(textOf);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(
      /^Sam Okafor \(supervisor\), 10 Sept 2026, \d\d:00 Invented: please add the incident\.$/,
    );
    expect(messages[1]).toMatch(
      /^Tess Marlowe \(therapist\), 11 Sept 2026, \d\d:30 Invented: added as an amendment\.$/,
    );
    expect(article.querySelector("time")?.dateTime).toBe("2026-09-10T10:00:00.000Z");
  });

  it("names a supervisor of the instance a course was imported from by the Bundle's reference", () => {
    const reference = "00000000-0000-4000-8000-000000000044";
    const imported = { id: null, name: `Imported: ${reference}`, email: "", external: reference };
    renderThreads(
      [
        thread(3, {
          openedBy: imported,
          messages: [{ ...changeRequest.messages[0]!, author: imported }],
        }),
      ],
      "therapist",
    );
    const [message] = within(screen.getByRole("article")).getAllByRole("listitem").map(textOf);
    expect(message).toMatch(new RegExp(`^Imported: ${reference} \\(supervisor\\), 10 Sept 2026`));
    expect(buttons()).toEqual(["Send reply", "Mark resolved", "Add comment"]);
  });

  it("shows who resolved a thread, when and what changed, with no reply or resolve left", () => {
    renderThreads([resolved], "therapist");
    const article = screen.getByRole("article");
    expect(textOf(article)).toMatch(/Resolved by Tess Marlowe on 12 Sept 2026, \d\d:00/);
    expect(textOf(article)).toContain("Invented: incident added.");
    expect(within(article).queryAllByRole("textbox")).toEqual([]);
    expect(within(article).queryAllByRole("button")).toEqual([]);
  });

  it("gives every field its own id, even with several threads on the page", () => {
    renderThreads([changeRequest, thread(3)], "therapist");
    const ids = screen.getAllByRole("textbox").map((box) => box.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });
});

describe("starting a thread", () => {
  it("refuses an empty comment, saying so in the summary and next to the field, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderThreads([], "supervisor");
    await user.click(screen.getByRole("button", { name: "Add comment" }));
    expect(textOf(screen.getByRole("alert"))).toBe("There is a problem. Write a message.");
    const box = screen.getByRole("textbox", { name: "New comment" });
    expectFieldError(box, "Write a message.");
    expect(document.activeElement).toBe(box);
    expect(api.requests).toEqual([]);
  });

  it("sends a supervisor's change request with the session it is about, then clears the box", async () => {
    const opened = thread(4, { kind: "change_request" });
    const api = stubFetch().on(
      `POST /api/courses/${COURSE_ID}/review-threads`,
      json(reviewThread, opened, 201),
    );
    const { user } = renderThreads([], "supervisor");
    const box = screen.getByRole("textbox", { name: "New comment" });
    await user.type(box, "  Invented: add the incident.  ");
    await user.click(screen.getByRole("button", { name: "Request changes" }));
    expect(await screen.findByText("Change request sent.")).toBeTruthy();
    const [request] = api.sent(`POST /api/courses/${COURSE_ID}/review-threads`);
    expect(request?.body).toEqual({
      target: "session",
      sessionId: SESSION_ID,
      kind: "change_request",
      body: "Invented: add the incident.",
    });
    expect(box).toHaveProperty("value", "");
  });

  it("shows the server's refusal next to the field", async () => {
    stubFetch().on(
      `POST /api/courses/${COURSE_ID}/review-threads`,
      apiError(400, "validation_failed", "Check the highlighted fields.", [
        { field: "body.body", message: "This message is too long." },
      ]),
    );
    const { user } = renderThreads([], "therapist");
    await user.type(screen.getByRole("textbox", { name: "New comment" }), "Invented.");
    await user.click(screen.getByRole("button", { name: "Add comment" }));
    expect(textOf(await screen.findByRole("alert"))).toContain("Check the highlighted fields.");
    expectFieldError(screen.getByRole("textbox", { name: "New comment" }), "This message is too long.");
  });
});

describe("replying to a thread", () => {
  it("refuses an empty reply next to the field, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderThreads([changeRequest], "therapist");
    await user.click(screen.getByRole("button", { name: "Send reply" }));
    expect(textOf(screen.getByRole("alert"))).toBe("There is a problem. Write a message.");
    expectFieldError(screen.getByRole("textbox", { name: "Reply" }), "Write a message.");
    expect(api.requests).toEqual([]);
  });

  it("sends the reply to the thread and says it was sent", async () => {
    const api = stubFetch().on(
      `POST /api/review-threads/${changeRequest.id}/messages`,
      json(reviewThread, changeRequest),
    );
    const { user } = renderThreads([changeRequest], "therapist");
    await user.type(screen.getByRole("textbox", { name: "Reply" }), "Invented: done.");
    await user.click(screen.getByRole("button", { name: "Send reply" }));
    expect(await screen.findByText("Reply sent.")).toBeTruthy();
    expect(api.sent(`POST /api/review-threads/${changeRequest.id}/messages`)[0]?.body).toEqual({
      body: "Invented: done.",
    });
  });
});

describe("resolving a thread", () => {
  it("asks what changed (optional) and confirms, or cancels", () => {
    renderWithProviders(
      <ResolveForm thread={changeRequest} onCancel={() => {}} onResolved={() => {}} onReload={reload} />,
    );
    expect(textboxLabels()).toEqual(["What changed (optional)"]);
    expect(buttons()).toEqual(["Confirm resolved", "Cancel"]);
  });

  it("sends what changed with the version read, and reports it resolved", async () => {
    const onResolved = vi.fn();
    const api = stubFetch().on(
      `POST /api/review-threads/${changeRequest.id}/resolve`,
      json(reviewThread, { ...changeRequest, status: "resolved", version: 2 }),
    );
    const { user } = renderWithProviders(
      <ResolveForm thread={changeRequest} onCancel={() => {}} onResolved={onResolved} onReload={reload} />,
    );
    await user.type(screen.getByRole("textbox", { name: "What changed (optional)" }), "Invented: amended.");
    await user.click(screen.getByRole("button", { name: "Confirm resolved" }));
    await vi.waitFor(() => expect(onResolved).toHaveBeenCalledOnce());
    expect(api.sent(`POST /api/review-threads/${changeRequest.id}/resolve`)[0]?.body).toEqual({
      version: changeRequest.version,
      resolution: "Invented: amended.",
    });
  });

  it("explains a thread that changed meanwhile and offers a reload, without resolving", async () => {
    const onResolved = vi.fn();
    const onReload = vi.fn(() => Promise.resolve());
    stubFetch().on(
      `POST /api/review-threads/${changeRequest.id}/resolve`,
      apiError(409, "conflict", "Someone replied since you opened this thread."),
    );
    const { user } = renderWithProviders(
      <ResolveForm thread={changeRequest} onCancel={() => {}} onResolved={onResolved} onReload={onReload} />,
    );
    await user.click(screen.getByRole("button", { name: "Confirm resolved" }));
    const alert = await screen.findByRole("alert");
    expect(textOf(alert)).toContain("Changed elsewhere: reload before trying again.");
    expect(textOf(alert)).toContain("Someone replied since you opened this thread.");
    await user.click(within(alert).getByRole("button", { name: "Reload" }));
    expect(onReload).toHaveBeenCalledOnce();
    expect(onResolved).not.toHaveBeenCalled();
  });
});
