// The plan edits and the phase and ending forms through the DOM: what each refuses before sending,
// the request it sends, and how it explains the server's refusal.
import { courseDetail, type CourseDetail, type SessionSummary } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { COURSE_ID, courseOf } from "../../../test/fixtures";
import { sessionWhenOn } from "../../../test/session-when";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { AddSessionForm } from "./add-session-form";
import { CompleteCourseForm } from "./complete-course-form";
import { MiddlePhaseGate } from "./middle-phase-gate";
import { PlanEditDialog, type PlanEdit } from "./plan-edit-dialogs";
import { RaiseEnding } from "./raise-ending";
import { TerminationChecklistForm } from "./termination-checklist-form";

const COURSE = `/api/courses/${COURSE_ID}`;
const course = courseOf();
/** Session 7, planned for 7 Sept 2026. */
const planned = course.sessions.find((session) => session.number === 7) as SessionSummary;

const summaryItems = () => within(screen.getByRole("alert")).getAllByRole("button").map(textOf);
const answered = (patch: Partial<CourseDetail> = {}) =>
  json(courseDetail, { ...course, ...patch, version: course.version + 1 });

function renderEdit(edit: PlanEdit, onDone = vi.fn()) {
  const view = renderWithProviders(
    <PlanEditDialog
      edit={edit}
      course={course}
      session={planned}
      onClose={() => undefined}
      onDone={onDone}
    />,
  );
  return { ...view, dialog: screen.getByRole("dialog") };
}

describe("adding a session", () => {
  it("sends no date when none is given (the session comes one interval after the last), at the contract's time", async () => {
    const onDone = vi.fn();
    const api = stubFetch().on(`POST ${COURSE}/plan/sessions`, answered({ plannedSessions: 13 }));
    const { user } = renderWithProviders(<AddSessionForm course={course} onDone={onDone} />);
    await user.click(screen.getByRole("button", { name: "Add a session" }));
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith("A session has been added. The course now has 13 sessions."),
    );
    expect(api.sent(`POST ${COURSE}/plan/sessions`)[0]?.body).toEqual({
      version: course.version,
      startTime: course.sessionTime,
    });
  });

  it("puts the server's refusal of the date next to it", async () => {
    stubFetch().on(
      `POST ${COURSE}/plan/sessions`,
      apiError(400, "validation_failed", "The session could not be added.", [
        { field: "body.plannedDate", message: "Choose a date after the last session." },
      ]),
    );
    const { user } = renderWithProviders(<AddSessionForm course={course} onDone={() => undefined} />);
    await user.type(screen.getByLabelText("Date (optional)"), "2026-08-01");
    await user.click(screen.getByRole("button", { name: "Add a session" }));
    expect(textOf(await screen.findByRole("alert"))).toContain("The session could not be added.");
    expectFieldError(screen.getByLabelText("Date (optional)"), "Choose a date after the last session.");
  });
});

describe("rescheduling a session", () => {
  it("refuses an empty date at the field, and sends nothing", async () => {
    const api = stubFetch();
    const { user, dialog } = renderEdit("reschedule");
    const date = within(dialog).getByLabelText("New date");
    await user.clear(date);
    await user.click(within(dialog).getByRole("button", { name: "Reschedule session" }));
    expect(summaryItems()).toEqual(["Use a date like 2026-01-31."]);
    expectFieldError(date, "Use a date like 2026-01-31.");
    expect(api.requests).toEqual([]);
  });

  it("moves the session, and later ones with it when asked", async () => {
    const onDone = vi.fn();
    const api = stubFetch().on(`POST ${COURSE}/plan/reschedule`, answered());
    const { user, dialog } = renderEdit("reschedule", onDone);
    const date = within(dialog).getByLabelText("New date");
    await user.clear(date);
    await user.type(date, "2026-09-09");
    await user.click(within(dialog).getByRole("checkbox", { name: "Move later sessions too" }));
    await user.click(within(dialog).getByRole("button", { name: "Reschedule session" }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    expect(onDone.mock.calls[0]?.[0]).toMatch(
      /^Session 7 of .+ has been moved to .+, and later sessions with it\.$/,
    );
    expect(api.sent(`POST ${COURSE}/plan/reschedule`)[0]?.body).toEqual({
      version: course.version,
      sessionId: planned.id,
      plannedDate: "2026-09-09",
      startTime: planned.startTime,
      moveLater: true,
    });
  });
});

describe("cancelling a session", () => {
  it("asks for the reason at the field, and sends nothing", async () => {
    const api = stubFetch();
    const { user, dialog } = renderEdit("cancel");
    await user.click(within(dialog).getByRole("button", { name: "Cancel the session" }));
    expect(summaryItems()).toEqual(["Give a reason."]);
    expectFieldError(within(dialog).getByLabelText("Reason"), "Give a reason.");
    expect(api.requests).toEqual([]);
  });

  it("cancels with the reason and a replacement at the end", async () => {
    const onDone = vi.fn();
    const api = stubFetch().on(`POST ${COURSE}/plan/cancel`, answered());
    const { user, dialog } = renderEdit("cancel", onDone);
    await user.type(within(dialog).getByLabelText("Reason"), "Invented: client unwell.");
    await user.click(within(dialog).getByRole("checkbox", { name: "Add a replacement session at the end" }));
    await user.click(within(dialog).getByRole("button", { name: "Cancel the session" }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    expect(onDone.mock.calls[0]?.[0]).toMatch(/has been cancelled and a replacement added at the end\.$/);
    expect(api.sent(`POST ${COURSE}/plan/cancel`)[0]?.body).toEqual({
      version: course.version,
      sessionId: planned.id,
      reason: "Invented: client unwell.",
      replace: true,
    });
  });
});

describe("dropping a session", () => {
  it("asks for the reason at the field, and sends nothing", async () => {
    const api = stubFetch();
    const { user, dialog } = renderEdit("drop");
    await user.click(within(dialog).getByRole("button", { name: "Drop session" }));
    expectFieldError(within(dialog).getByLabelText("Reason"), "Give a reason.");
    expect(api.requests).toEqual([]);
  });

  it("drops the session with the reason, and explains a plan changed elsewhere", async () => {
    let answer = apiError(409, "conflict", "The plan was changed elsewhere.");
    const onDone = vi.fn();
    const api = stubFetch().on(`POST ${COURSE}/plan/drop`, () => answer);
    const { user, dialog } = renderEdit("drop", onDone);
    await user.type(within(dialog).getByLabelText("Reason"), "Invented: agreed a shorter course.");
    await user.click(within(dialog).getByRole("button", { name: "Drop session" }));
    const alert = await within(dialog).findByRole("alert");
    expect(textOf(alert)).toContain("The plan was changed elsewhere.");
    expect(within(alert).getByRole("button", { name: "Reload" })).toBeTruthy();

    answer = answered({ plannedSessions: 11 });
    await user.click(within(dialog).getByRole("button", { name: "Drop session" }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    expect(api.sent(`POST ${COURSE}/plan/drop`).map((request) => request.body)).toEqual([
      { version: course.version, sessionId: planned.id, reason: "Invented: agreed a shorter course." },
      { version: course.version, sessionId: planned.id, reason: "Invented: agreed a shorter course." },
    ]);
  });
});

describe("beginning the middle phase", () => {
  const gaps = [
    { item: "formulation_agreed" as const, message: "Agree the formulation.", sources: ["S10a"] },
  ];
  const withGaps = courseOf({ phase: "initial", middleStartedAt: null, initialPhaseGaps: gaps });
  const ready = courseOf({ phase: "initial", middleStartedAt: null, initialPhaseGaps: [] });

  it("lists what is still missing and offers no button until nothing is", () => {
    renderWithProviders(<MiddlePhaseGate course={withGaps} />);
    expect(screen.getByText("Agree the formulation.", { exact: false })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Begin the middle phase" })).toBeNull();
  });

  it("lists what the server says is still missing when it refuses", async () => {
    const api = stubFetch().on(
      `POST ${COURSE}/middle-phase`,
      apiError(422, "rule_unmet", "The middle phase cannot begin yet.", [
        { field: "formulation", message: "The client has agreed the formulation." },
        { field: "contract", message: "The contract is agreed." },
      ]),
    );
    const { user } = renderWithProviders(<MiddlePhaseGate course={ready} />);
    expect(screen.getByText("Every initial-phase task is recorded.", { exact: false })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Begin the middle phase" }));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getAllByRole("listitem").map(textOf)).toEqual([
      "The client has agreed the formulation.",
      "The contract is agreed.",
    ]);
    expect(screen.queryByText("Every initial-phase task is recorded.", { exact: false })).toBeNull();
    expect(api.sent(`POST ${COURSE}/middle-phase`)[0]?.body).toEqual({ version: ready.version });
  });
});

describe("raising the ending", () => {
  it("sends the version read and explains a refusal", async () => {
    const api = stubFetch().on(
      `POST ${COURSE}/termination`,
      apiError(422, "rule_unmet", "The ending cannot be raised yet.", [
        { field: "session", message: "A session of the middle phase is held." },
      ]),
    );
    const { user } = renderWithProviders(<RaiseEnding course={course} />);
    await user.click(screen.getByRole("button", { name: "Raise the ending" }));
    const alert = await screen.findByRole("alert");
    expect(textOf(alert)).toContain("A session of the middle phase is held.");
    expect(api.sent(`POST ${COURSE}/termination`)[0]?.body).toEqual({ version: course.version });
  });
});

describe("raising the ending early", () => {
  // Session 3 of 12 is next: 9 sessions before the end, more than 4 earlier than planned.
  const early = courseOf({
    phase: "middle",
    plannedSessions: 12,
    nextSession: {
      ...sessionWhenOn("2026-11-10"),
      id: "7c2e4a1b-9d3f-4b5a-8e6c-1a2b3c4d5e33",
      number: 3,
      phase: "middle",
      focus: "",
    },
  });

  it("asks for the reason before sending, then sends it", async () => {
    const api = stubFetch().on(
      `POST ${COURSE}/termination`,
      json(courseDetail, { ...early, phase: "termination" }),
    );
    const { user } = renderWithProviders(<RaiseEnding course={early} />);
    await user.click(screen.getByRole("button", { name: "Raise the ending" }));
    expectFieldError(screen.getByLabelText("Reason for ending early"), "Give the reason for ending early.");
    expect(api.sent(`POST ${COURSE}/termination`)).toEqual([]);

    await user.type(screen.getByLabelText("Reason for ending early"), "Invented: moving abroad.");
    await user.click(screen.getByRole("button", { name: "Raise the ending" }));
    await vi.waitFor(() => expect(api.sent(`POST ${COURSE}/termination`)).toHaveLength(1));
    expect(api.sent(`POST ${COURSE}/termination`)[0]?.body).toEqual({
      version: early.version,
      earlyReason: "Invented: moving abroad.",
    });
  });
});

describe("the termination checklist", () => {
  const ending = courseOf({ phase: "termination", terminationRaisedAt: "2026-11-01T10:00:00.000Z" });

  it("sends what was covered, the relapse plan and the next step", async () => {
    const api = stubFetch().on(`PATCH ${COURSE}/termination-checklist`, answered());
    const { user } = renderWithProviders(<TerminationChecklistForm course={ending} />);
    await user.click(screen.getByRole("checkbox", { name: "Progress reviewed" }));
    await user.click(screen.getByRole("checkbox", { name: "Feelings about ending discussed" }));
    await user.type(screen.getByLabelText("Early warning signs"), "Invented: early waking.");
    await user.type(screen.getByLabelText("People to contact"), "Invented: a sister.");
    await user.type(
      screen.getByLabelText("What to do and when to come back"),
      "Invented: early waking; call.",
    );
    await user.click(screen.getByRole("radio", { name: "Referral offered" }));
    await user.click(screen.getByRole("button", { name: "Save checklist" }));
    expect(await screen.findByText("Termination checklist saved.")).toBeTruthy();
    expect(api.sent(`PATCH ${COURSE}/termination-checklist`)[0]?.body).toEqual({
      version: ending.version,
      progressReviewed: true,
      gainsCredited: false,
      feelingsDiscussed: true,
      relapseWarningSigns: "Invented: early waking.",
      relapseWhatHelped: "",
      relapsePeople: "Invented: a sister.",
      relapsePlan: "Invented: early waking; call.",
      nextStep: "referral_offered",
    });
  });

  it("asks why there is no final score, and what a non-responding course was offered [S3][S16]", async () => {
    const noResponse = courseOf({
      phase: "termination",
      termination: { ...course.termination, finalScoreRecorded: false, nonResponding: true },
    });
    const api = stubFetch().on(`PATCH ${COURSE}/termination-checklist`, answered({ phase: "termination" }));
    const { user } = renderWithProviders(<TerminationChecklistForm course={noResponse} />);
    await user.type(screen.getByLabelText("Why no final score was obtained"), "Invented: declined.");
    const offer = screen.getByRole("group", { name: /was further treatment or a referral offered/ });
    await user.click(within(offer).getByRole("radio", { name: "Referral to another service offered" }));
    await user.click(screen.getByRole("button", { name: "Save checklist" }));
    expect(await screen.findByText("Termination checklist saved.")).toBeTruthy();
    expect(api.sent(`PATCH ${COURSE}/termination-checklist`)[0]?.body).toMatchObject({
      noFinalScoreReason: "Invented: declined.",
      nonResponseOffer: "referral_offered",
    });
  });

  it("puts the server's refusal of the relapse plan next to it", async () => {
    stubFetch().on(
      `PATCH ${COURSE}/termination-checklist`,
      apiError(400, "validation_failed", "Check the checklist.", [
        { field: "body.relapsePlan", message: "Keep the plan under 5,000 characters." },
      ]),
    );
    const { user } = renderWithProviders(<TerminationChecklistForm course={ending} />);
    await user.click(screen.getByRole("button", { name: "Save checklist" }));
    expect(textOf(await screen.findByRole("alert"))).toContain("Check the checklist.");
    expectFieldError(
      screen.getByLabelText("What to do and when to come back"),
      "Keep the plan under 5,000 characters.",
    );
  });
});

describe("completing the course", () => {
  const ending = courseOf({ phase: "termination" });

  it("asks how the course ended, and why when discontinued, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<CompleteCourseForm course={ending} />);
    await user.click(screen.getByRole("button", { name: "Complete the course" }));
    expect(summaryItems()).toEqual(["Choose how the course ended."]);
    expectFieldError(screen.getByRole("group", { name: "Outcome" }), "Choose how the course ended.");

    await user.click(screen.getByRole("radio", { name: "Discontinued" }));
    await user.click(screen.getByRole("button", { name: "Complete the course" }));
    expectFieldError(screen.getByLabelText("Reason"), "Give the reason the course was discontinued.");
    expect(api.requests).toEqual([]);
  });

  it("sends the outcome, the reason and the end date", async () => {
    const api = stubFetch().on(`POST ${COURSE}/completion`, answered({ phase: "completed" }));
    const { user } = renderWithProviders(<CompleteCourseForm course={ending} />);
    await user.click(screen.getByRole("radio", { name: "Discontinued" }));
    await user.type(screen.getByLabelText("Reason"), "Invented: moved away.");
    const endedOn = screen.getByLabelText("End date");
    await user.clear(endedOn);
    await user.type(endedOn, "2026-11-20");
    await user.click(screen.getByRole("button", { name: "Complete the course" }));
    await vi.waitFor(() => expect(api.sent(`POST ${COURSE}/completion`)).toHaveLength(1));
    expect(api.sent(`POST ${COURSE}/completion`)[0]?.body).toEqual({
      version: ending.version,
      outcome: "discontinued",
      reason: "Invented: moved away.",
      endedOn: "2026-11-20",
    });
  });
});
