// The course set-up forms through the DOM (problem area, formulation, contract, initial tasks):
// what each refuses before sending, and the request it sends.
import { courseDetail, disputeStageGuidance, type CourseDetail } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { COURSE_ID, courseOf } from "../../../test/fixtures";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { areaLabel } from "./area-text";
import { ContractForm, DEFAULT_MISSED_SESSION_POLICY } from "./contract-form";
import { FormulationForm } from "./formulation-form";
import { InitialTasksForm } from "./initial-tasks-form";
import { ProblemAreaForm } from "./problem-area-form";

const COURSE = `/api/courses/${COURSE_ID}`;

/** A course still in its initial phase, nothing of the set-up recorded yet. */
const initial: CourseDetail = courseOf({
  phase: "initial",
  primaryArea: null,
  formulation: null,
  formulationAgreedOn: null,
  contractAgreedOn: null,
  missedSessionPolicy: null,
  diagnosisNamed: false,
  sickRoleGiven: false,
  middleStartedAt: null,
});

const summaryItems = () => within(screen.getByRole("alert")).getAllByRole("button").map(textOf);
/** The server's copy after a write: the course with `patch` and the next version. */
const saved = (patch: Partial<CourseDetail>) =>
  json(courseDetail, { ...initial, ...patch, version: initial.version + 1 });

describe("the problem area", () => {
  it("asks for the primary area, in the summary and at the group, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<ProblemAreaForm course={initial} />);
    await user.click(screen.getByRole("button", { name: "Save problem area" }));
    expect(summaryItems()).toEqual(["Choose the primary problem area."]);
    expectFieldError(
      screen.getByRole("group", { name: "Primary problem area" }),
      "Choose the primary problem area.",
    );
    expect(api.requests).toEqual([]);
  });

  it("asks for the stage of a role dispute, then sends the area with its stage", async () => {
    const api = stubFetch().on(
      `PUT ${COURSE}/problem-area`,
      saved({ primaryArea: "role_dispute", disputeStage: "impasse" }),
    );
    const { user } = renderWithProviders(<ProblemAreaForm course={initial} />);
    await user.click(screen.getByRole("radio", { name: areaLabel("role_dispute", "weissman") }));
    await user.click(screen.getByRole("button", { name: "Save problem area" }));
    expectFieldError(
      screen.getByRole("group", { name: "Stage of the role dispute" }),
      "Stage the role dispute: renegotiation, impasse or dissolution.",
    );
    expect(api.requests).toEqual([]);

    await user.click(screen.getByRole("radio", { name: disputeStageGuidance.impasse.label }));
    await user.click(screen.getByRole("button", { name: "Save problem area" }));
    expect(await screen.findByText("Problem area saved.")).toBeTruthy();
    expect(api.sent(`PUT ${COURSE}/problem-area`)[0]?.body).toEqual({
      version: initial.version,
      primaryArea: "role_dispute",
      secondaryArea: null,
      disputeStage: "impasse",
      sensitivityModifier: false,
    });
  });

  it("asks for the reason once the course has left the initial phase", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<ProblemAreaForm course={courseOf()} />);
    await user.click(screen.getByRole("button", { name: "Save problem area" }));
    expectFieldError(
      screen.getByLabelText("Reason for the change"),
      "Give the reason for changing the problem area.",
    );
    expect(api.requests).toEqual([]);
  });
});

describe("the formulation", () => {
  it("asks for the formulation at the field, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<FormulationForm course={initial} />);
    await user.click(screen.getByRole("button", { name: "Save formulation" }));
    expect(summaryItems()).toEqual(["Write the formulation."]);
    expectFieldError(screen.getByLabelText("Interpersonal formulation"), "Write the formulation.");
    expect(api.requests).toEqual([]);
  });

  it("sends a draft without a date, and an agreed formulation with its date", async () => {
    let answer = saved({ formulation: "Invented: draft." });
    const api = stubFetch().on(`PUT ${COURSE}/formulation`, () => answer);
    const { user } = renderWithProviders(<FormulationForm course={initial} />);
    await user.type(screen.getByLabelText("Interpersonal formulation"), "Invented: draft.");
    await user.click(screen.getByRole("button", { name: "Save formulation" }));
    expect(await screen.findByText("Formulation saved as a draft.")).toBeTruthy();

    answer = saved({ formulation: "Invented: draft.", formulationAgreedOn: "2026-09-10" });
    await user.type(screen.getByLabelText("Client agreed on (optional)"), "2026-09-10");
    await user.click(screen.getByRole("button", { name: "Save formulation" }));
    expect(await screen.findByText("Formulation saved.")).toBeTruthy();
    expect(api.sent(`PUT ${COURSE}/formulation`).map((request) => request.body)).toEqual([
      { version: initial.version, formulation: "Invented: draft.", agreedOn: null, episodeOnsetOn: null },
      {
        version: initial.version,
        formulation: "Invented: draft.",
        agreedOn: "2026-09-10",
        episodeOnsetOn: null,
      },
    ]);
  });

  it("sends the episode's onset with the formulation, and shows the recorded one", async () => {
    const api = stubFetch().on(
      `PUT ${COURSE}/formulation`,
      saved({ formulation: "Invented.", episodeOnsetOn: "2026-05-04" }),
    );
    const { user } = renderWithProviders(<FormulationForm course={initial} />);
    await user.type(screen.getByLabelText("Interpersonal formulation"), "Invented.");
    await user.type(screen.getByLabelText("Episode began on (optional)"), "2026-05-04");
    await user.click(screen.getByRole("button", { name: "Save formulation" }));
    expect(await screen.findByText("Formulation saved as a draft.")).toBeTruthy();
    expect(api.sent(`PUT ${COURSE}/formulation`)[0]?.body).toMatchObject({ episodeOnsetOn: "2026-05-04" });
  });

  it("refuses an onset in the future at its field, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(
      <FormulationForm course={{ ...initial, episodeOnsetOn: "2026-01-05" }} />,
    );
    const onset = screen.getByLabelText("Episode began on (optional)");
    expect((onset as HTMLInputElement).value).toBe("2026-01-05");
    await user.type(screen.getByLabelText("Interpersonal formulation"), "Invented.");
    await user.clear(onset);
    await user.type(onset, "2099-01-01");
    await user.click(screen.getByRole("button", { name: "Save formulation" }));
    expect(summaryItems()).toEqual([expect.stringMatching(/^The episode cannot begin in the future/)]);
    // The message goes on to name the service's today.
    expectFieldError(onset, "The episode cannot begin in the future");
    expect(api.requests).toEqual([]);
  });
});

describe("the contract", () => {
  it("names each missing or out-of-range value at its field, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<ContractForm course={initial} onSaved={() => undefined} />);
    await user.clear(screen.getByLabelText("Number of sessions"));
    await user.type(screen.getByLabelText("Number of sessions"), "30");
    await user.clear(screen.getByLabelText("Session length in minutes"));
    await user.clear(screen.getByLabelText("What happens after a missed session"));
    await user.click(screen.getByRole("button", { name: "Save contract and generate the plan" }));
    expect(summaryItems()).toEqual([
      expect.stringMatching(/^Standard IPT has \d+ to \d+ sessions\.$/),
      "Enter the session length in minutes.",
      "Say what happens after a missed session.",
    ]);
    expectFieldError(screen.getByLabelText("Number of sessions"), "Standard IPT has");
    expectFieldError(
      screen.getByLabelText("Session length in minutes"),
      "Enter the session length in minutes.",
    );
    expectFieldError(
      screen.getByLabelText("What happens after a missed session"),
      "Say what happens after a missed session.",
    );
    expect(api.requests).toEqual([]);
  });

  it("sends the whole contract, which generates the plan", async () => {
    const onSaved = vi.fn();
    const api = stubFetch().on(`PUT ${COURSE}/contract`, saved({ contractAgreedOn: "2026-09-08" }));
    const { user } = renderWithProviders(<ContractForm course={initial} onSaved={onSaved} />);
    await user.clear(screen.getByLabelText("Number of sessions"));
    await user.type(screen.getByLabelText("Number of sessions"), "14");
    await user.click(screen.getByRole("radio", { name: "Every two weeks" }));
    await user.clear(screen.getByLabelText("Date of the first session"));
    await user.type(screen.getByLabelText("Date of the first session"), "2026-09-15");
    await user.selectOptions(
      screen.getByLabelText("Start termination this many sessions before the end"),
      "3 sessions",
    );
    await user.clear(screen.getByLabelText("What happens after a missed session"));
    await user.type(screen.getByLabelText("What happens after a missed session"), "Invented: not replaced.");
    await user.clear(screen.getByLabelText("Contract agreed on"));
    await user.type(screen.getByLabelText("Contract agreed on"), "2026-09-08");
    await user.click(screen.getByRole("button", { name: "Save contract and generate the plan" }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(api.sent(`PUT ${COURSE}/contract`)[0]?.body).toEqual({
      version: initial.version,
      plannedSessions: 14,
      frequency: "fortnightly",
      sessionMinutes: initial.sessionMinutes,
      weekday: initial.sessionWeekday,
      startTime: initial.sessionTime,
      startDate: "2026-09-15",
      terminationLead: 3,
      missedSessionPolicy: "Invented: not replaced.",
      agreedOn: "2026-09-08",
    });
  });
});

describe("the set-up's formulation and contract, saved with one button", () => {
  const button = { name: "Save formulation and contract, generate the plan" };

  it("starts from a suggested plan for missed sessions", () => {
    renderWithProviders(<ContractForm course={initial} onSaved={() => undefined} withFormulation />);
    expect(screen.getByLabelText<HTMLTextAreaElement>("What happens after a missed session").value).toBe(
      DEFAULT_MISSED_SESSION_POLICY,
    );
  });

  it("asks for the formulation with the contract's own checks, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(
      <ContractForm course={initial} onSaved={() => undefined} withFormulation />,
    );
    await user.clear(screen.getByLabelText("Session length in minutes"));
    await user.click(screen.getByRole("button", button));
    expect(summaryItems()).toEqual([
      expect.stringMatching(/formulation/i),
      "Enter the session length in minutes.",
    ]);
    expect(api.requests).toEqual([]);
  });

  it("saves the formulation, then the contract on the version that came back", async () => {
    const onSaved = vi.fn();
    const api = stubFetch()
      .on(`PUT ${COURSE}/formulation`, saved({ formulation: "Invented: linked to the move." }))
      .on(`PUT ${COURSE}/contract`, json(courseDetail, { ...initial, version: initial.version + 2 }));
    const { user } = renderWithProviders(<ContractForm course={initial} onSaved={onSaved} withFormulation />);
    await user.type(screen.getByLabelText("Interpersonal formulation"), "Invented: linked to the move.");
    await user.type(screen.getByLabelText("Client agreed on (optional)"), "2026-09-08");
    await user.type(screen.getByLabelText("Episode began on (optional)"), "2026-06-01");
    await user.click(screen.getByRole("button", button));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledOnce());
    expect(api.sent(`PUT ${COURSE}/formulation`)[0]?.body).toEqual({
      version: initial.version,
      formulation: "Invented: linked to the move.",
      agreedOn: "2026-09-08",
      episodeOnsetOn: "2026-06-01",
    });
    expect(api.sent(`PUT ${COURSE}/contract`)[0]?.body).toMatchObject({
      version: initial.version + 1,
      missedSessionPolicy: DEFAULT_MISSED_SESSION_POLICY,
    });
  });

  it("shows a refused formulation at its field and does not send the contract", async () => {
    const api = stubFetch().on(
      `PUT ${COURSE}/formulation`,
      apiError(400, "validation_failed", "Check the fields.", [
        { field: "body.agreedOn", message: "The date cannot be in the future." },
      ]),
    );
    const { user } = renderWithProviders(
      <ContractForm course={initial} onSaved={() => undefined} withFormulation />,
    );
    await user.type(screen.getByLabelText("Interpersonal formulation"), "Invented.");
    await user.type(screen.getByLabelText("Client agreed on (optional)"), "2030-01-01");
    await user.click(screen.getByRole("button", button));
    await vi.waitFor(() =>
      expectFieldError(
        screen.getByLabelText("Client agreed on (optional)"),
        "The date cannot be in the future.",
      ),
    );
    expect(api.sent(`PUT ${COURSE}/contract`)).toEqual([]);
  });

  it("shows the API's refusal of the onset at the onset field", async () => {
    const api = stubFetch().on(
      `PUT ${COURSE}/formulation`,
      apiError(400, "validation_failed", "Check the fields.", [
        {
          field: "body.episodeOnsetOn",
          message: "The episode cannot begin in the future (today is 2026-01-01).",
        },
      ]),
    );
    const { user } = renderWithProviders(
      <ContractForm course={initial} onSaved={() => undefined} withFormulation />,
    );
    await user.type(screen.getByLabelText("Interpersonal formulation"), "Invented.");
    await user.type(screen.getByLabelText("Episode began on (optional)"), "2026-02-01");
    await user.click(screen.getByRole("button", button));
    await vi.waitFor(() =>
      expectFieldError(
        screen.getByLabelText("Episode began on (optional)"),
        "The episode cannot begin in the future (today is 2026-01-01).",
      ),
    );
    expect(api.sent(`PUT ${COURSE}/contract`)).toEqual([]);
  });
});

describe("the initial tasks", () => {
  it("sends both tasks as ticked, with the version read", async () => {
    const api = stubFetch().on(
      `PATCH ${COURSE}/initial-tasks`,
      saved({ diagnosisNamed: true, sickRoleGiven: true }),
    );
    const { user } = renderWithProviders(<InitialTasksForm course={initial} />);
    await user.click(screen.getByRole("checkbox", { name: "Diagnosis named with the client" }));
    await user.click(screen.getByRole("checkbox", { name: "Sick role given" }));
    await user.click(screen.getByRole("button", { name: "Save initial tasks" }));
    expect(await screen.findByText("Initial tasks saved.")).toBeTruthy();
    expect(api.sent(`PATCH ${COURSE}/initial-tasks`)[0]?.body).toEqual({
      version: initial.version,
      diagnosisNamed: true,
      sickRoleGiven: true,
    });
  });

  it("explains a course changed elsewhere, with a reload", async () => {
    stubFetch().on(
      `PATCH ${COURSE}/initial-tasks`,
      apiError(409, "conflict", "The course was changed elsewhere."),
    );
    const { user } = renderWithProviders(<InitialTasksForm course={initial} />);
    await user.click(screen.getByRole("button", { name: "Save initial tasks" }));
    const alert = await screen.findByRole("alert");
    expect(textOf(alert)).toContain("The course was changed elsewhere.");
    expect(within(alert).getByRole("button", { name: "Reload" })).toBeTruthy();
  });
});
