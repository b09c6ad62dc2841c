import { describe, expect, it } from "vitest";
import { elements, labelFor, renderHtml, voidElements } from "../../../test/static-render";
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
  const html = renderHtml(
    <SafetyFollowUpFields
      values={emptyFollowUp(NOW)}
      errors={{}}
      onChange={() => undefined}
      now={NOW}
      supervisors={[SUPERVISOR]}
    />,
  );
  const inputs = voidElements(html, "input");
  const labelOf = (name: string) => labelFor(html, inputs.find((input) => input.name === name)?.id ?? "");

  it("has the fields of a safety follow-up, by their labels", () => {
    expect(labelOf("riskAssessed")).toBe("Risk assessed");
    expect(labelOf("supervisorInformed")).toBe("Supervisor informed");
    expect(labelOf("followedUpAt")).toBe("When");
    expect(inputs.find((input) => input.name === "followedUpAt")).toMatchObject({
      type: "datetime-local",
      value: "2026-11-26T14:05",
      max: "2026-11-26T14:05",
    });
    const textarea = elements(html, "textarea")[0];
    expect(labelFor(html, textarea?.attrs.id ?? "")).toBe("Actions taken");
  });

  it("asks for the risk level as the clinician's judgement, and what was done with the safety plan", () => {
    const groups = elements(html, "fieldset").map((fieldset) => ({
      legend: elements(fieldset.inner, "legend")[0]?.text,
      text: fieldset.text,
      options: voidElements(fieldset.inner, "input").map((input) => labelFor(fieldset.inner, input.id ?? "")),
    }));
    expect(groups.map((group) => group.legend)).toEqual(["Current risk level", "Safety plan"]);
    expect(groups[0]?.options).toEqual(["Low", "Moderate", "High"]);
    expect(groups[0]?.text).toContain("clinical judgement");
    expect(groups[1]?.options).toEqual(["Reviewed the existing safety plan", "Made a safety plan"]);
  });

  it("offers the therapist's supervisors once a supervisor was informed", () => {
    expect(elements(html, "select")).toHaveLength(0);
    const informed = renderHtml(
      <SafetyFollowUpFields
        values={{ ...emptyFollowUp(NOW), supervisorInformed: true }}
        errors={{}}
        onChange={() => undefined}
        now={NOW}
        supervisors={[SUPERVISOR]}
      />,
    );
    const [select] = elements(informed, "select");
    expect(labelFor(informed, select?.attrs.id ?? "")).toBe("Which supervisor");
    expect(elements(select?.inner ?? "", "option").map((option) => option.text)).toEqual([
      "Not named",
      "Sam Okafor",
    ]);
  });

  it("shows an error at the risk-assessed box", () => {
    const withError = renderHtml(
      <SafetyFollowUpFields
        values={emptyFollowUp(NOW)}
        errors={{ riskAssessed: "Assess the risk before recording the follow-up." }}
        onChange={() => undefined}
        now={NOW}
        supervisors={[]}
      />,
    );
    const box = voidElements(withError, "input").find((input) => input.name === "riskAssessed");
    expect(box?.["aria-invalid"]).toBe("true");
    expect(withError).toContain("Assess the risk before recording the follow-up.");
  });
});
