import { describe, expect, it } from "vitest";
import { measurementPoints } from "../measures/schedule";
import { defaultMeasurementSettings } from "../measures/settings";
import {
  defaultLinkInstruments,
  identityCheckRequest,
  issueQuestionnaireLinkRequest,
  publicQuestionnaire,
  submitQuestionnaireRequest,
} from "./questionnaires";
import { DEFAULT_CRISIS_TEXT, defaultQuestionnaireSettings, questionnaireSettings } from "./settings";

const due = measurementPoints(12, defaultMeasurementSettings).map((point) => point.sessionNumber);

describe("the forms a link asks for by default", () => {
  it("are PHQ-9 and GAD-7 at a point of the schedule, PHQ-9 alone between points", () => {
    expect(due).toContain(1);
    expect(defaultLinkInstruments(1, due)).toEqual(["phq9", "gad7"]);
    expect(defaultLinkInstruments(4, due)).toEqual(["phq9", "gad7"]);
    expect(defaultLinkInstruments(2, due)).toEqual(["phq9"]);
    expect(defaultLinkInstruments(null, due)).toEqual(["phq9"]);
  });
});

describe("the contracts", () => {
  it("take PHQ-9 and/or GAD-7 once each, never HAM-D-17", () => {
    expect(issueQuestionnaireLinkRequest.safeParse({ instruments: ["gad7", "phq9"] }).success).toBe(true);
    expect(issueQuestionnaireLinkRequest.safeParse({}).success).toBe(true);
    for (const instruments of [[], ["hamd17"], ["phq9", "phq9"], ["phq9", "gad7", "phq9"]]) {
      expect(issueQuestionnaireLinkRequest.safeParse({ instruments }).success).toBe(false);
    }
  });

  it("name every unanswered item and refuse answers outside 0–3 or extra keys", () => {
    const missing = submitQuestionnaireRequest.safeParse({ answers: { phq9: [0, 1, null, 2, 0, 0, 0, 0] } });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "answers.phq9.2",
      "answers.phq9.8",
    ]);
    expect(
      submitQuestionnaireRequest.safeParse({ answers: { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 4] } }).success,
    ).toBe(false);
    expect(submitQuestionnaireRequest.safeParse({ answers: { hamd17: [1] } }).success).toBe(false);
    expect(submitQuestionnaireRequest.safeParse({ answers: {}, clientId: "x" }).success).toBe(false);
    expect(identityCheckRequest.safeParse({ yearOfBirth: "1985" }).success).toBe(false);
  });

  it("close the public page's answer: nothing beyond the service's name and the questions", () => {
    expect(
      publicQuestionnaire.safeParse({ step: "identity", serviceName: "S", clientName: "x" }).success,
    ).toBe(false);
    expect(
      publicQuestionnaire.safeParse({ step: "questions", serviceName: "S", forms: [], therapist: "x" })
        .success,
    ).toBe(false);
  });
});

describe("the questionnaire settings", () => {
  it("default to a 72-hour link, no identity check and a crisis text that names emergency services", () => {
    expect(questionnaireSettings.parse(defaultQuestionnaireSettings)).toEqual(defaultQuestionnaireSettings);
    expect(defaultQuestionnaireSettings).toMatchObject({ linkLifetimeHours: 72, identityCheck: false });
    expect(DEFAULT_CRISIS_TEXT).toMatch(/emergency number/);
    expect(DEFAULT_CRISIS_TEXT).toMatch(/not watched around the clock/);
  });
});
