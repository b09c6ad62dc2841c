import { describe, expect, it } from "vitest";
import {
  courseFlags,
  formatWarnings,
  flag,
  GRIEF_ONSET_WINDOW_DAYS,
  griefTimingWarnings,
  initialPhaseGaps,
  problemAreaErrors,
  problemAreaWarnings,
  ruleGap,
  terminationDue,
  warning,
  type CourseFlagState,
  type InitialPhaseState,
  type ProblemAreaState,
} from "./rules";

const complete: InitialPhaseState = {
  workingDiagnosis: "Major depressive episode",
  diagnosisNamed: true,
  sickRoleGiven: true,
  inventoryPeople: 4,
  primaryArea: "role_dispute",
  disputeStage: "impasse",
  formulationAgreedOn: "2026-03-16",
  formulation: "Depression began as the dispute with her partner reached an impasse.",
  contractAgreed: true,
};

describe("initialPhaseGaps", () => {
  it("finds nothing missing in a complete initial phase", () => {
    expect(initialPhaseGaps(complete)).toEqual([]);
  });

  it.each<[string, Partial<InitialPhaseState>, string, string]>([
    [
      "no working diagnosis",
      { workingDiagnosis: null },
      "diagnosis_named",
      "Name the diagnosis with the client: record the working diagnosis that was shared.",
    ],
    [
      "a blank working diagnosis",
      { workingDiagnosis: "   " },
      "diagnosis_named",
      "Name the diagnosis with the client: record the working diagnosis that was shared.",
    ],
    [
      "a diagnosis not shared",
      { diagnosisNamed: false },
      "diagnosis_named",
      "Name the diagnosis with the client: mark the working diagnosis as shared.",
    ],
    [
      "neither",
      { workingDiagnosis: null, diagnosisNamed: false },
      "diagnosis_named",
      "Name the diagnosis with the client: record a working diagnosis and mark it as shared.",
    ],
    [
      "no sick role",
      { sickRoleGiven: false },
      "sick_role",
      "Give the sick role and mark it as given (IPT-A: the limited sick role).",
    ],
    [
      "an empty inventory",
      { inventoryPeople: 0 },
      "inventory",
      "Complete the interpersonal inventory: add at least one important person.",
    ],
    [
      "no problem area",
      { primaryArea: null, disputeStage: null },
      "problem_area",
      "Choose one problem area for the formulation.",
    ],
    [
      "an unstaged dispute",
      { disputeStage: null },
      "dispute_stage",
      "Stage the role dispute: choose renegotiation, impasse or dissolution.",
    ],
    [
      "an agreement date without a formulation",
      { formulation: null },
      "formulation_agreed",
      "Agree the formulation: write the formulation the client agreed to.",
    ],
    [
      "a formulation not agreed",
      { formulationAgreedOn: null },
      "formulation_agreed",
      "Agree the formulation: record the date the client agreed to it.",
    ],
    [
      "no formulation at all",
      { formulation: "", formulationAgreedOn: null },
      "formulation_agreed",
      "Agree the formulation: write the interpersonal formulation and record the date the client agreed to it.",
    ],
    [
      "no contract",
      { contractAgreed: false },
      "contract",
      "Agree the treatment contract (number, frequency and length of sessions) and record it.",
    ],
  ])("reports %s", (_name, change, item, message) => {
    const gaps = initialPhaseGaps({ ...complete, ...change });
    expect(gaps.map((gap) => [gap.item, gap.message])).toEqual([[item, message]]);
    expect(gaps[0]?.sources.length).toBeGreaterThan(0);
    expect(ruleGap.parse(gaps[0])).toEqual(gaps[0]);
  });

  it("does not ask for a dispute stage when the area is not a dispute", () => {
    expect(initialPhaseGaps({ ...complete, primaryArea: "grief", disputeStage: null })).toEqual([]);
  });

  it("lists every gap together in a fixed order", () => {
    const empty: InitialPhaseState = {
      workingDiagnosis: null,
      diagnosisNamed: false,
      sickRoleGiven: false,
      inventoryPeople: 0,
      primaryArea: null,
      disputeStage: null,
      formulationAgreedOn: null,
      formulation: null,
      contractAgreed: false,
    };
    expect(initialPhaseGaps(empty).map((gap) => gap.item)).toEqual([
      "diagnosis_named",
      "sick_role",
      "inventory",
      "problem_area",
      "formulation_agreed",
      "contract",
    ]);
    expect(initialPhaseGaps({ ...empty, primaryArea: "role_dispute" }).map((gap) => gap.item)).toEqual([
      "diagnosis_named",
      "sick_role",
      "inventory",
      "dispute_stage",
      "formulation_agreed",
      "contract",
    ]);
  });
});

const areaState: ProblemAreaState = {
  lineage: "weissman",
  primaryArea: "role_transition",
  secondaryArea: null,
  disputeStage: null,
  sensitivity: false,
  lifeEventKinds: ["transition"],
};

describe("problemAreaWarnings", () => {
  it("stays quiet for one area that fits the record", () => {
    expect(problemAreaWarnings(areaState)).toEqual([]);
  });

  it("warns when a secondary area is set", () => {
    const warnings = problemAreaWarnings({
      ...areaState,
      secondaryArea: "role_dispute",
      disputeStage: "impasse",
    });
    expect(warnings).toEqual([
      {
        code: "secondary_area",
        message:
          "A second problem area is set. Focus on one area if possible: the one that matters most to the client.",
        sources: ["S2"],
      },
    ]);
    expect(warning.parse(warnings[0])).toEqual(warnings[0]);
  });

  it("warns about grief without a death under the Weissman lineage only", () => {
    const grief = { ...areaState, primaryArea: "grief" as const, lifeEventKinds: ["transition" as const] };
    expect(problemAreaWarnings(grief).map((w) => [w.code, w.sources])).toEqual([
      ["grief_without_death", ["S29d"]],
    ]);
    expect(problemAreaWarnings(grief)[0]?.message).toMatch(/is a role transition/);
    expect(problemAreaWarnings({ ...grief, lifeEventKinds: ["death"] })).toEqual([]);
    expect(problemAreaWarnings({ ...grief, lineage: "stuart" })).toEqual([]);
    const asSecondary = { ...areaState, secondaryArea: "grief" as const, lifeEventKinds: [] };
    expect(problemAreaWarnings(asSecondary).map((w) => w.code)).toEqual([
      "secondary_area",
      "grief_without_death",
    ]);
  });

  it("warns about deficits when the record shows a death, dispute or transition", () => {
    const deficits = { ...areaState, primaryArea: "interpersonal_deficits" as const };
    expect(problemAreaWarnings({ ...deficits, lifeEventKinds: ["other"] })).toEqual([]);
    expect(problemAreaWarnings({ ...deficits, lifeEventKinds: [] })).toEqual([]);
    expect(problemAreaWarnings({ ...deficits, lifeEventKinds: ["transition", "other", "death"] })).toEqual([
      {
        code: "deficits_with_other_events",
        message:
          "Interpersonal deficits is for when no other area applies, but the record shows a death, a transition. " +
          "Check whether another area fits.",
        sources: ["S3"],
      },
    ]);
  });
});

describe("problemAreaErrors", () => {
  it("accepts a valid choice", () => {
    expect(
      problemAreaErrors({ ...areaState, primaryArea: "role_dispute", disputeStage: "dissolution" }),
    ).toEqual([]);
    expect(problemAreaErrors({ ...areaState, lineage: "stuart", sensitivity: true })).toEqual([]);
  });

  it("requires a stage for a role dispute and allows one only for a dispute", () => {
    expect(problemAreaErrors({ ...areaState, primaryArea: "role_dispute" })).toEqual([
      { field: "disputeStage", message: "Stage the role dispute: renegotiation, impasse or dissolution." },
    ]);
    expect(problemAreaErrors({ ...areaState, secondaryArea: "role_dispute" }).map((e) => e.field)).toEqual([
      "disputeStage",
    ]);
    expect(problemAreaErrors({ ...areaState, disputeStage: "impasse" })).toEqual([
      { field: "disputeStage", message: "A dispute stage applies only to a role dispute." },
    ]);
  });

  it("rejects interpersonal deficits in the Stuart lineage, as primary or secondary", () => {
    const stuart = { ...areaState, lineage: "stuart" as const };
    expect(
      problemAreaErrors({ ...stuart, primaryArea: "interpersonal_deficits" }).map((e) => e.field),
    ).toEqual(["primaryArea"]);
    expect(
      problemAreaErrors({ ...stuart, secondaryArea: "interpersonal_deficits" }).map((e) => e.field),
    ).toEqual(["secondaryArea"]);
  });

  it("rejects the sensitivity modifier outside the Stuart lineage", () => {
    expect(problemAreaErrors({ ...areaState, sensitivity: true })).toEqual([
      {
        field: "sensitivity",
        message: "The interpersonal sensitivity modifier belongs to the Stuart & Robertson lineage.",
      },
    ]);
  });

  it("requires the secondary area to differ from a set primary area", () => {
    expect(problemAreaErrors({ ...areaState, secondaryArea: "role_transition" })).toEqual([
      { field: "secondaryArea", message: "The secondary area must differ from the primary area." },
    ]);
    expect(problemAreaErrors({ ...areaState, primaryArea: null, secondaryArea: "grief" })).toEqual([
      { field: "secondaryArea", message: "Choose the primary area before a secondary one." },
    ]);
  });
});

describe("terminationDue", () => {
  const state = {
    total: 12,
    lead: 2,
    heldNumbers: [1, 2, 3, 4, 5, 6, 7, 8],
    nextPlannedNumber: 9,
    terminationRaised: false,
  };

  it("is false before the raise-ending session comes up", () => {
    expect(terminationDue(state)).toBe(false);
  });

  it("is true when the next planned session is the raise-ending session", () => {
    expect(terminationDue({ ...state, heldNumbers: [...state.heldNumbers, 9], nextPlannedNumber: 10 })).toBe(
      true,
    );
  });

  it("is true when that session was held without raising termination", () => {
    expect(terminationDue({ ...state, heldNumbers: [1, 2, 10], nextPlannedNumber: 11 })).toBe(true);
    expect(terminationDue({ ...state, heldNumbers: [10, 11, 12], nextPlannedNumber: null })).toBe(true);
  });

  it("follows the lead: with a 4-session lead it is due from session 8", () => {
    expect(
      terminationDue({ ...state, lead: 4, heldNumbers: [1, 2, 3, 4, 5, 6, 7], nextPlannedNumber: 8 }),
    ).toBe(true);
    expect(terminationDue({ ...state, lead: 4, heldNumbers: [1, 2, 3, 4, 5, 6], nextPlannedNumber: 7 })).toBe(
      false,
    );
  });

  it("is false once termination has been raised", () => {
    expect(
      terminationDue({ ...state, heldNumbers: [10, 11], nextPlannedNumber: 12, terminationRaised: true }),
    ).toBe(false);
  });
});

describe("courseFlags", () => {
  const quiet: CourseFlagState = {
    format: "standard",
    coursePhase: "middle",
    total: 12,
    lead: 2,
    heldNumbers: [1, 2, 3, 4],
    nextPlannedNumber: 5,
    terminationRaised: false,
    ...areaState,
  };

  it("raises no flag for a course on track", () => {
    expect(courseFlags(quiet)).toEqual([]);
  });

  it("flags termination that is due or overdue", () => {
    const due = courseFlags({ ...quiet, heldNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9], nextPlannedNumber: 10 });
    expect(due).toEqual([
      {
        code: "termination_not_raised",
        severity: "amber",
        message: "Raise the ending at the next session (session 10); it has not been raised yet.",
        sources: ["S4"],
      },
    ]);
    const overdue = courseFlags({
      ...quiet,
      heldNumbers: [9, 10],
      nextPlannedNumber: 11,
      coursePhase: "termination",
    });
    expect(overdue[0]?.message).toBe(
      "Termination was due to be raised at session 10 and has not been recorded.",
    );
    expect(flag.parse(overdue[0])).toEqual(overdue[0]);
  });

  it("flags a course still in the initial phase after its last initial session", () => {
    const initial = { ...quiet, coursePhase: "initial" as const };
    expect(courseFlags({ ...initial, heldNumbers: [1, 2], nextPlannedNumber: 3 })).toEqual([]);
    expect(courseFlags({ ...initial, heldNumbers: [1, 2, 3], nextPlannedNumber: 4 })).toEqual([
      {
        code: "initial_phase_overdue",
        severity: "amber",
        message:
          "Session 3, the last initial-phase session, has been held but the course is still in the initial phase.",
        sources: ["S7", "S9", "S21b"],
      },
    ]);
    expect(
      courseFlags({ ...initial, format: "ipt_b", total: 9, heldNumbers: [1, 2, 3] }).map((f) => f.code),
    ).toEqual(["initial_phase_overdue"]);
  });

  it("adds the problem-area warnings after the course flags", () => {
    const flags = courseFlags({
      ...quiet,
      heldNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      nextPlannedNumber: 11,
      primaryArea: "interpersonal_deficits",
      secondaryArea: "grief",
      lifeEventKinds: ["dispute"],
    });
    expect(flags.map((f) => f.code)).toEqual([
      "termination_not_raised",
      "secondary_area",
      "grief_without_death",
      "deficits_with_other_events",
    ]);
    expect(flags.map((f) => f.severity)).toEqual(["amber", "notice", "notice", "notice"]);
    flags.forEach((f) => expect(flag.parse(f)).toEqual(f));
  });
});

describe("IPT-A ages [S10c][S20a]: a warning when the client cannot be 12–18 at the course's start", () => {
  it.each([
    // year of birth, start year, warned?
    [2012, 2026, false], // 13 or 14
    [2014, 2026, false], // 11 or 12: may be 12
    [2015, 2026, true], // 10 or 11
    [2008, 2026, false], // 17 or 18
    [2007, 2026, false], // 18 or 19: may be 18
    [2006, 2026, true], // 19 or 20
    [1990, 2026, true],
  ])("born %i, starting %i: warned = %s", (yearOfBirth, startYear, warned) => {
    const warnings = formatWarnings({ format: "ipt_a", yearOfBirth, startYear });
    expect(warnings.map((warning) => warning.code)).toEqual(warned ? ["ipt_a_age"] : []);
  });

  it("says nothing without a year of birth, or for another format", () => {
    expect(formatWarnings({ format: "ipt_a", yearOfBirth: null, startYear: 2026 })).toEqual([]);
    expect(formatWarnings({ format: "standard", yearOfBirth: 2015, startYear: 2026 })).toEqual([]);
  });

  it("names the age and the formats that fit", () => {
    const [warning] = formatWarnings({ format: "ipt_a", yearOfBirth: 1990, startYear: 2026 });
    expect(warning?.message).toBe(
      "IPT-A is for adolescents aged 12–18; this client is at least 35 at the start of the course. " +
        "Check the format: standard IPT for adults, family-based IPT for children 8–12.",
    );
    expect(warning?.sources).toEqual(["S10c", "S20a"]);
  });
});

describe("grief timing [S1b][S10a][S29d]: the death close before the onset (12 months: project synthesis)", () => {
  const onset = "2026-06-15";
  const grief = {
    lineage: "weissman" as const,
    primaryArea: "grief" as const,
    secondaryArea: null,
    episodeOnsetOn: onset,
  };

  it("keeps the window the reference documents", () => {
    expect(GRIEF_ONSET_WINDOW_DAYS).toBe(365);
  });

  it.each<[string, string[], "none" | "after" | "before"]>([
    ["a death two months before the onset", ["2026-04-10"], "none"],
    ["a death on the onset's day", ["2026-06-15"], "none"],
    ["a death exactly 365 days before", ["2025-06-15"], "none"],
    ["a death 366 days before", ["2025-06-14"], "before"],
    ["a death years before", ["2019-02-01"], "before"],
    ["a death the day after the onset", ["2026-06-16"], "after"],
    ["deaths only after the onset", ["2026-07-01", "2026-09-01"], "after"],
    ["one death long before and one after", ["2019-02-01", "2026-07-01"], "before"],
    ["one death long before and one close before", ["2019-02-01", "2026-03-01"], "none"],
  ])("%s", (_name, deathDates, expected) => {
    const warnings = griefTimingWarnings({ ...grief, deathDates });
    expect(warnings.map((w) => w.code)).toEqual(expected === "none" ? [] : ["grief_timing"]);
    if (expected === "after") expect(warnings[0]?.message).toContain("after the episode began (2026-06-15)");
    if (expected === "before") expect(warnings[0]?.message).toContain("12 months before the episode began");
    warnings.forEach((w) => {
      expect(warning.parse(w)).toEqual(w);
      expect(w.sources).toEqual(["S1b", "S10a", "S29d"]);
    });
  });

  it.each<[string, Partial<Parameters<typeof griefTimingWarnings>[0]>]>([
    ["no onset recorded", { episodeOnsetOn: null }],
    ["no death recorded (grief_without_death says so)", { deathDates: [] }],
    ["another area chosen", { primaryArea: "role_transition" }],
    ["the Stuart lineage (grief and loss)", { lineage: "stuart" }],
  ])("says nothing with %s", (_name, change) => {
    expect(griefTimingWarnings({ ...grief, deathDates: ["2019-02-01"], ...change })).toEqual([]);
  });

  it("also checks grief as the secondary area", () => {
    const warnings = griefTimingWarnings({
      ...grief,
      primaryArea: "role_dispute",
      secondaryArea: "grief",
      deathDates: ["2026-08-01"],
    });
    expect(warnings.map((w) => w.code)).toEqual(["grief_timing"]);
  });
});
