import { ownSupervisorsResponse, riskFlagDetail } from "@ipt/shared";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { followUp, riskFlag } from "../test-fixtures";
import { RiskFlagList } from "./risk-flag-panel";
import {
  emptyFollowUp,
  followUpBody,
  localInputToIso,
  toLocalInput,
  type FollowUpValues,
} from "./safety-follow-up";
import { SafetyFollowUpFields } from "./safety-follow-up-form";

const NOW = new Date(2026, 10, 26, 14, 5);

const filled: FollowUpValues = {
  riskAssessed: true,
  riskLevel: "low",
  actionsTaken: "Asked directly about thoughts and plans.",
  safetyPlan: "made",
  supervisorInformed: true,
  supervisorId: "",
  followedUpAt: "2026-11-26T13:30",
};

const SUPERVISOR = {
  id: "5d0c4f9e-8a9b-4c39-9f5e-2a6c1b7d3e11",
  name: "Sam Okafor",
  email: "sam@clinic.example",
};

describe("followUpBody: the follow-up form's checks", () => {
  it("names every missing answer, in the order of the form", () => {
    const result = followUpBody(emptyFollowUp(NOW), NOW);
    if (result.ok) throw new Error("an empty follow-up was accepted");
    expect(result.errors.fields).toEqual({
      riskAssessed: "Assess the risk before recording the follow-up.",
      riskLevel: "Choose the current risk level.",
      actionsTaken: "Describe the actions taken.",
      safetyPlan: "Say whether you reviewed the safety plan or made one.",
    });
  });

  it("requires the risk to have been assessed", () => {
    const result = followUpBody({ ...filled, riskAssessed: false }, NOW);
    if (result.ok) throw new Error("a follow-up without a risk assessment was accepted");
    expect(Object.keys(result.errors.fields)).toEqual(["riskAssessed"]);
  });

  it("refuses actions that are only spaces", () => {
    const result = followUpBody({ ...filled, actionsTaken: "   " }, NOW);
    if (result.ok) throw new Error("blank actions were accepted");
    expect(result.errors.fields).toEqual({ actionsTaken: "Describe the actions taken." });
  });

  it("refuses a missing or future time, allowing a minute for clocks", () => {
    const missing = followUpBody({ ...filled, followedUpAt: "" }, NOW);
    if (missing.ok) throw new Error("a follow-up without a time was accepted");
    expect(missing.errors.fields.followedUpAt).toBe("Enter the date and time of the follow-up.");
    const future = followUpBody({ ...filled, followedUpAt: "2026-11-26T14:07" }, NOW);
    if (future.ok) throw new Error("a future follow-up was accepted");
    expect(future.errors.fields.followedUpAt).toBe("The follow-up cannot be in the future.");
    expect(followUpBody({ ...filled, followedUpAt: "2026-11-26T14:06" }, NOW).ok).toBe(true);
  });

  it("sends the follow-up with the time as an instant", () => {
    const result = followUpBody(filled, NOW);
    expect(result).toEqual({
      ok: true,
      body: {
        riskAssessed: true,
        riskLevel: "low",
        actionsTaken: "Asked directly about thoughts and plans.",
        safetyPlan: "made",
        supervisorInformed: true,
        supervisorId: null,
        followedUpAt: new Date(2026, 10, 26, 13, 30).toISOString(),
      },
    });
  });

  it("names the supervisor chosen, and only when one was informed", () => {
    const named = followUpBody({ ...filled, supervisorId: SUPERVISOR.id }, NOW);
    expect(named.ok && named.body.supervisorId).toBe(SUPERVISOR.id);
    const notInformed = followUpBody(
      { ...filled, supervisorInformed: false, supervisorId: SUPERVISOR.id },
      NOW,
    );
    expect(notInformed.ok && notInformed.body.supervisorId).toBeNull();
  });

  it("starts at now, to the minute, in local time", () => {
    expect(toLocalInput(NOW)).toBe("2026-11-26T14:05");
    expect(emptyFollowUp(NOW).followedUpAt).toBe("2026-11-26T14:05");
    expect(localInputToIso("2026-11-26T14:05")).toBe(NOW.toISOString());
    expect(localInputToIso("26/11/2026 14:05")).toBeNull();
  });
});

describe("SafetyFollowUpFields", () => {
  const renderFields = (patch: Partial<FollowUpValues> = {}, errors: Record<string, string> = {}) =>
    render(
      <SafetyFollowUpFields
        values={{ ...emptyFollowUp(NOW), ...patch }}
        errors={errors}
        onChange={() => undefined}
        now={NOW}
        supervisors={[SUPERVISOR]}
      />,
    );

  it("has the fields of a safety follow-up, by their labels", () => {
    renderFields();
    expect(screen.getByRole("checkbox", { name: "Risk assessed" })).toBeTruthy();
    expect(screen.getByRole("checkbox", { name: "Supervisor informed" })).toBeTruthy();
    const when = screen.getByLabelText<HTMLInputElement>("When");
    expect([when.type, when.value, when.max]).toEqual([
      "datetime-local",
      "2026-11-26T14:05",
      "2026-11-26T14:05",
    ]);
    expect(screen.getByRole("textbox", { name: "Actions taken" })).toBeTruthy();
  });

  it("asks for the risk level as the clinician's judgement, and what was done with the safety plan", () => {
    renderFields();
    const groups = screen.getAllByRole("group").map((group) => ({
      legend: textOf(group.querySelector("legend")),
      text: textOf(group),
      options: within(group)
        .getAllByRole<HTMLInputElement>("radio")
        .map((radio) => radio.labels?.[0]?.textContent),
    }));
    expect(groups.map((group) => group.legend)).toEqual(["Current risk level", "Safety plan"]);
    expect(groups[0]?.options).toEqual(["Low", "Moderate", "High"]);
    expect(groups[0]?.text).toContain("clinical judgement");
    expect(groups[1]?.options).toEqual(["Reviewed the existing safety plan", "Made a safety plan"]);
  });

  it("offers the therapist's supervisors once a supervisor was informed", () => {
    const { unmount } = renderFields();
    expect(screen.queryByRole("combobox")).toBeNull();
    unmount();
    renderFields({ supervisorInformed: true });
    const select = screen.getByRole("combobox", { name: "Which supervisor" });
    expect(within(select).getAllByRole("option").map(textOf)).toEqual(["Not named", "Sam Okafor"]);
  });

  it("shows an error at the risk-assessed box", () => {
    renderFields({}, { riskAssessed: "Assess the risk before recording the follow-up." });
    expectFieldError(
      screen.getByRole("checkbox", { name: "Risk assessed" }),
      "Assess the risk before recording the follow-up.",
    );
  });
});

describe("recording a safety follow-up", () => {
  const flag = riskFlag();
  const FOLLOW_UPS = `/api/risk-flags/${flag.id}/follow-ups`;

  async function openDialog() {
    const view = renderWithProviders(<RiskFlagList flags={[flag]} canWrite allowResolve />);
    await view.user.click(screen.getByRole("button", { name: "Record safety follow-up" }));
    return { ...view, dialog: screen.getByRole("dialog", { name: "Record safety follow-up" }) };
  }

  it("names every missing answer in the summary and at its field, and sends nothing", async () => {
    const api = stubFetch().on(
      "GET /api/me/supervisors",
      json(ownSupervisorsResponse, { items: [SUPERVISOR] }),
    );
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole("button", { name: "Save safety follow-up" }));
    const summary = within(dialog).getByRole("alert");
    expect(within(summary).getAllByRole("button").map(textOf)).toEqual([
      "Assess the risk before recording the follow-up.",
      "Choose the current risk level.",
      "Describe the actions taken.",
      "Say whether you reviewed the safety plan or made one.",
    ]);
    expectFieldError(
      within(dialog).getByRole("checkbox", { name: "Risk assessed" }),
      "Assess the risk before recording the follow-up.",
    );
    expectFieldError(
      within(dialog).getByRole("group", { name: "Current risk level" }),
      "Choose the current risk level.",
    );
    expectFieldError(
      within(dialog).getByRole("textbox", { name: "Actions taken" }),
      "Describe the actions taken.",
    );
    expectFieldError(
      within(dialog).getByRole("group", { name: "Safety plan" }),
      "Say whether you reviewed the safety plan or made one.",
    );
    expect(api.sent(`POST ${FOLLOW_UPS}`)).toEqual([]);
  });

  it("sends the follow-up, naming the supervisor informed, and says it is saved", async () => {
    const api = stubFetch()
      .on("GET /api/me/supervisors", json(ownSupervisorsResponse, { items: [SUPERVISOR] }))
      .on(`POST ${FOLLOW_UPS}`, json(riskFlagDetail, { ...flag, followUps: [followUp()], version: 2 }, 201));
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole("checkbox", { name: "Risk assessed" }));
    await user.click(within(dialog).getByRole("radio", { name: "Moderate" }));
    await user.type(
      within(dialog).getByRole("textbox", { name: "Actions taken" }),
      "Invented: asked about plans.",
    );
    await user.click(within(dialog).getByRole("radio", { name: "Reviewed the existing safety plan" }));
    await user.click(within(dialog).getByRole("checkbox", { name: "Supervisor informed" }));
    await user.selectOptions(
      await within(dialog).findByRole("combobox", { name: "Which supervisor" }),
      "Sam Okafor",
    );
    const when = within(dialog).getByLabelText("When");
    await user.clear(when);
    await user.type(when, "2026-09-01T13:30");
    await user.click(within(dialog).getByRole("button", { name: "Save safety follow-up" }));

    expect(
      await screen.findByText("Safety follow-up saved. The flag stays open until it is resolved."),
    ).toBeTruthy();
    expect(api.sent(`POST ${FOLLOW_UPS}`)[0]?.body).toEqual({
      riskAssessed: true,
      riskLevel: "moderate",
      actionsTaken: "Invented: asked about plans.",
      safetyPlan: "reviewed",
      supervisorInformed: true,
      supervisorId: SUPERVISOR.id,
      followedUpAt: new Date(2026, 8, 1, 13, 30).toISOString(),
    });
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});

describe("resolving a risk flag", () => {
  const flag = riskFlag({ followUps: [followUp()], version: 2 });
  const RESOLVE = `/api/risk-flags/${flag.id}/resolve`;

  async function openDialog() {
    const view = renderWithProviders(<RiskFlagList flags={[flag]} canWrite allowResolve />);
    await view.user.click(screen.getByRole("button", { name: "Resolve risk flag" }));
    return { ...view, dialog: screen.getByRole("dialog", { name: "Resolve risk flag" }) };
  }

  it("asks for a reason, in the summary and at the field, and sends nothing without one", async () => {
    const api = stubFetch();
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole("button", { name: "Resolve the flag" }));
    const reason = within(dialog).getByRole("textbox", { name: "Reason for resolving" });
    expect(textOf(within(dialog).getByRole("alert"))).toBe("There is a problem. Give a reason.");
    expectFieldError(reason, "Give a reason.");
    expect(document.activeElement).toBe(reason);
    expect(api.requests).toEqual([]);
  });

  it("resolves with the reason and the version read, and says so", async () => {
    const api = stubFetch().on(
      `POST ${RESOLVE}`,
      json(riskFlagDetail, {
        ...flag,
        resolvedAt: "2026-09-20T09:00:00.000Z",
        resolvedBy: { id: SUPERVISOR.id, name: "Tess Marlowe", email: "tess@example.org" },
        resolutionReason: "Invented: no current risk.",
        version: 3,
      }),
    );
    const { user, dialog } = await openDialog();
    await user.type(
      within(dialog).getByRole("textbox", { name: "Reason for resolving" }),
      "Invented: no current risk.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Resolve the flag" }));
    expect(await screen.findByText("The risk flag has been resolved.")).toBeTruthy();
    expect(api.sent(`POST ${RESOLVE}`)[0]?.body).toEqual({
      version: 2,
      reason: "Invented: no current risk.",
    });
  });

  it("explains a flag changed elsewhere, keeping the dialog open", async () => {
    stubFetch().on(`POST ${RESOLVE}`, apiError(409, "conflict", "The flag was changed by someone else."));
    const { user, dialog } = await openDialog();
    await user.type(within(dialog).getByRole("textbox", { name: "Reason for resolving" }), "Invented.");
    await user.click(within(dialog).getByRole("button", { name: "Resolve the flag" }));
    const alert = await within(dialog).findByRole("alert");
    expect(textOf(alert)).toContain("The flag was changed by someone else.");
    expect(screen.getByRole("dialog", { name: "Resolve risk flag" })).toBeTruthy();
  });
});
