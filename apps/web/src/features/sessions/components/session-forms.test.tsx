// The session record and its amendments through the DOM: what is refused before sending, the
// requests sent (save, then sign), and how the server's refusals are explained.
import { RISK_REVIEW_NEEDED, riskReviewOf, sessionDetail, type SessionDetail } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { sessionOf } from "../../../test/fixtures";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { AmendmentForm } from "./amendments";
import { SessionForm } from "./session-form";

/** Session 2, held and not signed yet. */
const open: SessionDetail = sessionOf({ signedAt: null, signedBy: null, amendments: [] });
const SESSION = `/api/sessions/${open.id}`;
const answered = (patch: Partial<SessionDetail>) =>
  json(sessionDetail, { ...open, ...patch, version: open.version + 1 });

describe("recording a session", () => {
  it("says there is nothing to save, and asks for the text of an agenda item before adding it", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<SessionForm session={open} onSigned={() => undefined} />);
    await user.click(screen.getByRole("button", { name: "Save session" }));
    expect(screen.getByText("There are no changes to save.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Add item" }));
    expectFieldError(screen.getByLabelText("Add an agenda item"), "Write the item to add.");
    expect(api.requests).toEqual([]);
  });

  it("saves only what changed: the agenda ticked, a technique and the notes", async () => {
    const api = stubFetch().on(`PATCH ${SESSION}`, answered({ notes: "Invented: better week." }));
    const { user } = renderWithProviders(<SessionForm session={open} onSigned={() => undefined} />);
    await user.click(screen.getByRole("checkbox", { name: /^Agree the time limit\./ }));
    await user.click(screen.getByRole("checkbox", { name: "Communication analysis" }));
    const notes = screen.getByLabelText("Notes");
    await user.clear(notes);
    await user.type(notes, "Invented: better week.");
    expect(screen.getByText("You have unsaved changes.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Save session" }));
    expect(await screen.findByText("Session saved.")).toBeTruthy();
    expect(api.sent(`PATCH ${SESSION}`)[0]?.body).toEqual({
      version: open.version,
      agenda: open.agenda.map((item) => ({ ...item, done: true })),
      techniques: ["clarification", "communication_analysis"],
      notes: "Invented: better week.",
    });
  });

  it("puts the server's refusal of a field next to it", async () => {
    stubFetch().on(
      `PATCH ${SESSION}`,
      apiError(400, "validation_failed", "The session was not saved.", [
        { field: "body.nextFocus", message: "Keep the focus under 1,000 characters." },
      ]),
    );
    const { user } = renderWithProviders(<SessionForm session={open} onSigned={() => undefined} />);
    await user.type(screen.getByLabelText("Focus for next time"), " More.");
    await user.click(screen.getByRole("button", { name: "Save session" }));
    expect(textOf(await screen.findByRole("alert"))).toContain("The session was not saved.");
    expectFieldError(screen.getByLabelText("Focus for next time"), "Keep the focus under 1,000 characters.");
  });

  it("saves unsaved changes first, then signs with the version the save answered", async () => {
    const onSigned = vi.fn();
    const api = stubFetch()
      .on(`PATCH ${SESSION}`, answered({ nextFocus: "Invented: the new job. More." }))
      .on(`POST ${SESSION}/sign`, answered({ signedAt: "2026-09-02T12:00:00.000Z" }));
    const { user } = renderWithProviders(<SessionForm session={open} onSigned={onSigned} />);
    await user.type(screen.getByLabelText("Focus for next time"), " More.");
    await user.click(screen.getByRole("button", { name: "Sign and lock" }));
    const dialog = screen.getByRole("dialog", { name: "Sign and lock this session?" });
    expect(textOf(dialog)).toContain("Your unsaved changes will be saved first.");
    await user.click(within(dialog).getByRole("button", { name: "Sign and lock" }));
    await vi.waitFor(() => expect(onSigned).toHaveBeenCalledOnce());
    expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `PATCH ${SESSION}`,
      `POST ${SESSION}/sign`,
    ]);
    expect(api.sent(`POST ${SESSION}/sign`)[0]?.body).toEqual({ version: open.version + 1 });
  });
});

describe("amending a signed session", () => {
  const signed = sessionOf();

  it("asks for the reason and the amendment at their fields, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<AmendmentForm session={signed} />);
    await user.click(screen.getByRole("button", { name: "Add amendment" }));
    expect(within(screen.getByRole("alert")).getAllByRole("button").map(textOf)).toEqual([
      "Give the reason for the amendment.",
      "Write the amendment.",
    ]);
    expectFieldError(screen.getByLabelText("Reason for the amendment"), "Give the reason for the amendment.");
    expectFieldError(screen.getByLabelText("Amendment"), "Write the amendment.");
    expect(api.requests).toEqual([]);
  });

  it("sends the reason and the text, then clears the form", async () => {
    const api = stubFetch().on(
      `POST /api/sessions/${signed.id}/amendments`,
      json(sessionDetail, signed, 201),
    );
    const { user } = renderWithProviders(<AmendmentForm session={signed} />);
    await user.type(screen.getByLabelText("Reason for the amendment"), "Invented: wrong day.");
    await user.type(screen.getByLabelText("Amendment"), "Invented: it was Tuesday.");
    await user.click(screen.getByRole("button", { name: "Add amendment" }));
    expect(await screen.findByText("Amendment added.")).toBeTruthy();
    expect(api.sent(`POST /api/sessions/${signed.id}/amendments`)[0]?.body).toEqual({
      reason: "Invented: wrong day.",
      text: "Invented: it was Tuesday.",
    });
    expect(screen.getByLabelText("Amendment")).toHaveProperty("value", "");
  });
});

describe("the risk review after a risk flag [S25l][S25m]", () => {
  const flagged: SessionDetail = sessionOf({
    signedAt: null,
    signedBy: null,
    amendments: [],
    riskReview: riskReviewOf({ required: true, done: false, note: "" }),
  });
  const FLAGGED = `/api/sessions/${flagged.id}`;

  it("is not shown when no flag was raised earlier in the course", () => {
    stubFetch();
    renderWithProviders(<SessionForm session={open} onSigned={() => undefined} />);
    expect(screen.queryByRole("group", { name: /Risk review/ })).toBeNull();
  });

  it("is shown with its sources, saved with the session, and the refusal to sign is explained", async () => {
    const api = stubFetch()
      .on(`PATCH ${FLAGGED}`, json(sessionDetail, { ...flagged, version: flagged.version + 1 }))
      .on(
        `POST ${FLAGGED}/sign`,
        apiError(422, "rule_unmet", "This session cannot be signed until the risk review is recorded.", [
          { field: "risk_review", message: RISK_REVIEW_NEEDED },
        ]),
      );
    const { user } = renderWithProviders(<SessionForm session={flagged} onSigned={() => undefined} />);
    const group = screen.getByRole("group", { name: "Risk review (needed before signing)" });
    expect(textOf(group)).toContain("S25l");
    await user.type(within(group).getByLabelText(/What was found/), "Invented: no thoughts of self-harm.");
    await user.click(screen.getByRole("button", { name: "Sign and lock" }));
    const dialog = screen.getByRole("dialog", { name: "Sign and lock this session?" });
    await user.click(within(dialog).getByRole("button", { name: "Sign and lock" }));
    expect(api.sent(`PATCH ${FLAGGED}`)[0]?.body).toEqual({
      version: flagged.version,
      riskReviewNote: "Invented: no thoughts of self-harm.",
    });
    expect(textOf(await screen.findByRole("alert"))).toContain(RISK_REVIEW_NEEDED);
  });
});

describe("IPT-A parent or carer attendance [S20c]", () => {
  const adolescent = (patch: Partial<SessionDetail> = {}): SessionDetail =>
    sessionOf({
      signedAt: null,
      signedBy: null,
      amendments: [],
      course: { ...open.course, format: "ipt_a" },
      ...patch,
    });
  const GROUP = "Parent or carer attendance (IPT-A)";

  it("is asked on a held IPT-A session only", () => {
    stubFetch();
    const { unmount } = renderWithProviders(<SessionForm session={open} onSigned={() => undefined} />);
    expect(screen.queryByRole("group", { name: GROUP })).toBeNull();
    unmount();
    renderWithProviders(<SessionForm session={adolescent()} onSigned={() => undefined} />);
    const group = screen.getByRole("group", { name: GROUP });
    expect(textOf(group)).toContain("S20c");
    expect(within(group).getByRole("radio", { name: "Not recorded" })).toHaveProperty("checked", true);
  });

  it("is saved with the session", async () => {
    const session = adolescent();
    const api = stubFetch().on(
      `PATCH /api/sessions/${session.id}`,
      json(sessionDetail, { ...session, parentAttendance: "joint", version: session.version + 1 }),
    );
    const { user } = renderWithProviders(<SessionForm session={session} onSigned={() => undefined} />);
    await user.click(screen.getByRole("radio", { name: "A parent or carer joined a joint part" }));
    await user.click(screen.getByRole("button", { name: "Save session" }));
    expect(await screen.findByText("Session saved.")).toBeTruthy();
    expect(api.sent(`PATCH /api/sessions/${session.id}`)[0]?.body).toEqual({
      version: session.version,
      parentAttendance: "joint",
    });
  });

  it("is cleared when the session is marked as not attended", async () => {
    const session = adolescent({ parentAttendance: "parent_only" });
    const api = stubFetch().on(
      `PATCH /api/sessions/${session.id}`,
      json(sessionDetail, { ...session, status: "no_show", parentAttendance: null, version: 5 }),
    );
    const { user } = renderWithProviders(<SessionForm session={session} onSigned={() => undefined} />);
    expect(screen.getByRole("radio", { name: "A parent or carer had a part on their own" })).toHaveProperty(
      "checked",
      true,
    );
    await user.click(screen.getByRole("radio", { name: "Did not attend" }));
    expect(screen.queryByRole("group", { name: GROUP })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Save session" }));
    expect(await screen.findByText("Session saved.")).toBeTruthy();
    expect(api.sent(`PATCH /api/sessions/${session.id}`)[0]?.body).toEqual({
      version: session.version,
      status: "no_show",
      parentAttendance: null,
    });
  });

  it("puts the server's refusal next to it", async () => {
    const session = adolescent();
    const refusal = "Parent or carer attendance is recorded on IPT-A courses only.";
    stubFetch().on(
      `PATCH /api/sessions/${session.id}`,
      apiError(400, "validation_failed", "The session was not saved.", [
        { field: "body.parentAttendance", message: refusal },
      ]),
    );
    const { user } = renderWithProviders(<SessionForm session={session} onSigned={() => undefined} />);
    await user.click(screen.getByRole("radio", { name: "No parent or carer attended" }));
    await user.click(screen.getByRole("button", { name: "Save session" }));
    expect(textOf(await screen.findByRole("alert"))).toContain("The session was not saved.");
    expectFieldError(screen.getByRole("group", { name: GROUP }), refusal);
  });
});
