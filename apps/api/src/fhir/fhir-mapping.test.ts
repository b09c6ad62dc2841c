// Unit tests of the mappings on hand-made courses: the pinned LOINC answers, the validator itself
// refusing a broken resource, our code checks refusing a wrong answer or a dangling reference, and
// generated courses of every format and problem area validating; the interpersonal inventory and the
// histories mapped, read back and refused when malformed; the supervision records (review threads,
// messages, fidelity ratings) likewise.
import {
  areaGuidance,
  difficultyAnswers,
  difficultyQuestion,
  extensionUrl,
  fidelityItemKeys,
  formatPresets,
  frequencyAnswers,
  instrumentCodes,
  iptCodeSystems,
  notApplicable,
  PATIENT_PSEUDONYM_SYSTEM,
  problemAreas,
  snomedCodes,
  socialHistoryCategory,
  type CourseFormat,
  type ProblemArea,
  USER_SYSTEM,
} from "@ipt/shared";
import type {
  Bundle,
  CarePlan,
  Communication,
  Condition,
  Encounter,
  Extension,
  Flag,
  Goal,
  Observation,
  Patient,
  Provenance,
  QuestionnaireResponse,
  Resource,
  Task,
} from "@medplum/fhirtypes";
import { beforeAll, describe, expect, it } from "vitest";
import { codeProblems } from "./code-checks";
import { courseBundle } from "./course-bundle";
import { historyExtensions } from "./histories";
import { checkCourseBundle } from "./import-service";
import { isLifeEvent, lifeEventOf, relatedPersonOf } from "./inventory";
import { syntheticCourse, syntheticMaintenancePair } from "../../test/helpers/synthetic-course";
import { namesMajorDepressiveDisorder } from "./patient-condition";
import { structureProblems } from "./structure-validation";
import { isFidelityRating } from "./supervision";

const options = {
  pseudonym: "0123456789abcdef0123456789abcdef",
  includeIdentifyingDetails: false,
  timeZone: "Europe/London",
};
const resources = (bundle: Bundle) => (bundle.entry ?? []).map((entry) => entry.resource as Resource);

// The R4 definitions load on the first validation (about a second alone, much longer on a busy
// machine): load them once here, with room, so no single test's time limit pays for it.
beforeAll(() => {
  structureProblems({ resourceType: "Patient" });
}, 60_000);

describe("code lists", () => {
  it("pins the PHQ-9 difficulty answers: LA6575-0 is very, LA6574-3 extremely difficult", () => {
    expect(difficultyAnswers.very).toMatchObject({ code: "LA6575-0", display: "Very difficult" });
    expect(difficultyAnswers.extremely).toMatchObject({ code: "LA6574-3", display: "Extremely difficult" });
    expect(difficultyAnswers.not_difficult.code).toBe("LA6572-7");
    expect(difficultyAnswers.somewhat.code).toBe("LA6573-5");
  });

  it("has the PHQ-9 panel, items in form order, answers and total", () => {
    expect(instrumentCodes.phq9.panel.code).toBe("44249-1");
    expect(instrumentCodes.phq9.items?.map((c) => c.code)).toEqual([
      "44250-9",
      "44255-8",
      "44259-0",
      "44254-1",
      "44251-7",
      "44258-2",
      "44252-5",
      "44253-3",
      "44260-8",
    ]);
    expect(frequencyAnswers.map((c) => c.code)).toEqual(["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"]);
    expect(instrumentCodes.phq9.total.code).toBe("44261-6");
    expect(instrumentCodes.gad7.total.code).toBe("70274-6");
    expect(instrumentCodes.gad7.items).toBeNull();
    expect(instrumentCodes.hamd17.total.system).toMatch(/\/CodeSystem\/hamd17$/);
    expect(instrumentCodes.hamd17.total.display).toContain("local code");
  });

  it("codes major depressive disorder only where the diagnosis names it", () => {
    expect(namesMajorDepressiveDisorder("Major depressive disorder, single episode, moderate")).toBe(true);
    expect(namesMajorDepressiveDisorder("Adjustment disorder with depressed mood")).toBe(false);
    expect(namesMajorDepressiveDisorder("Low mood; major depression ruled out")).toBe(false);
  });
});

describe("the course's resources", () => {
  const source = syntheticCourse({ format: "standard", area: "role_dispute" });
  const made = courseBundle(source, options, new Date("2026-06-01T09:00:00Z"));
  const urlOf = (resource: Resource | undefined) => made.entry?.find((e) => e.resource === resource)?.fullUrl;
  const all = <T extends Resource>(type: T["resourceType"]) =>
    resources(made).filter((r): r is T => r.resourceType === type);
  const [patient] = all<Patient>("Patient");
  const [condition] = all<Condition>("Condition");
  const [plan] = all<CarePlan>("CarePlan");
  const observations = all<Observation>("Observation");
  const byCode = (code: string) => observations.find((o) => o.code.coding?.[0]?.code === code);
  const ext = (resource: { extension?: Extension[] } | undefined, name: string) =>
    resource?.extension?.find((e) => e.url === extensionUrl(name));

  it("gives a pseudonymised Patient an opaque identifier only, and names only when asked", () => {
    expect(patient?.identifier).toEqual([{ system: PATIENT_PSEUDONYM_SYSTEM, value: options.pseudonym }]);
    expect(patient?.name).toBeUndefined();
    expect(patient?.birthDate).toBeUndefined();
    const named = courseBundle(source, { ...options, includeIdentifyingDetails: true }, new Date());
    const identified = resources(named).find((r): r is Patient => r.resourceType === "Patient");
    expect(identified?.name).toEqual([{ text: "Synthetic client" }]);
    expect(identified?.birthDate).toBe("1990");
    expect(identified?.identifier).toEqual(patient?.identifier);
  });

  it("codes the Condition SNOMED CT 370143000 only where the diagnosis names it, else its text alone", () => {
    expect(condition?.code).toEqual({
      coding: [snomedCodes.majorDepressiveDisorder],
      text: "Major depressive disorder, single episode",
    });
    expect(condition?.subject).toEqual({ reference: urlOf(patient) });
    const other = courseBundle(
      syntheticCourse({ format: "standard", area: "grief", diagnosis: "Adjustment disorder" }),
      options,
      new Date(),
    );
    const otherCondition = resources(other).find((r): r is Condition => r.resourceType === "Condition");
    expect(otherCondition?.code).toEqual({ text: "Adjustment disorder" });
    const none = courseBundle(
      syntheticCourse({ format: "standard", area: "grief", diagnosis: null }),
      options,
      new Date(),
    );
    expect(resources(none).some((r) => r.resourceType === "Condition")).toBe(false);
  });

  it("makes a CarePlan: status, intent plan, period, the Condition, IPT first, a session per activity, the goals", () => {
    expect(plan).toMatchObject({
      status: "active",
      intent: "plan",
      period: { start: "2026-03-02" },
      addresses: [{ reference: urlOf(condition) }],
      subject: { reference: urlOf(patient) },
    });
    expect(ext(plan, "ipt-format")).toMatchObject({ valueCoding: { code: "standard" } });
    expect(ext(plan, "problem-area-primary")).toMatchObject({ valueCoding: { code: "role_dispute" } });
    expect(ext(plan, "dispute-stage")).toMatchObject({ valueCoding: { code: "renegotiation" } });
    expect(ext(plan, "ipt-phase")).toMatchObject({ valueCoding: { code: "middle" } });
    expect(plan?.activity?.[0]?.detail?.code?.coding).toEqual([snomedCodes.interpersonalPsychotherapy]);
    const sessions = plan?.activity?.slice(1) ?? [];
    expect(sessions.map((a) => a.detail?.status)).toEqual(
      source.sessions.map(
        (s) =>
          ({ held: "completed", cancelled: "cancelled", planned: "scheduled", no_show: "stopped" })[s.status],
      ),
    );
    // Times in UTC from the service's zone: 09:30 in London is 09:30Z in March, 08:30Z from 29 March.
    const at = (date: string) =>
      sessions.find((a) => ext(a.detail, "session-planned-date")?.valueDate === date)?.detail
        ?.scheduledPeriod;
    expect(at("2026-03-02")?.start).toBe("2026-03-02T09:30:00.000Z");
    expect(at("2026-03-30")?.start).toBe("2026-03-30T08:30:00.000Z");
    const goals = all<Goal>("Goal");
    expect(goals).toHaveLength(areaGuidance.role_dispute.goals.length);
    expect(plan?.goal).toEqual(goals.map((goal) => ({ reference: urlOf(goal) })));
  });

  it("makes an Encounter per held session, with the therapist and its time", () => {
    const encounters = all<Encounter>("Encounter");
    const held = source.sessions.filter((s) => s.status === "held");
    expect(encounters).toHaveLength(held.length);
    expect(encounters[0]).toMatchObject({
      status: "finished",
      subject: { reference: urlOf(patient) },
      participant: [
        { individual: { identifier: { system: USER_SYSTEM, value: source.client.therapistId } } },
      ],
      period: { start: "2026-03-02T09:30:00.000Z" },
    });
  });

  it("gives a PHQ-9 a QuestionnaireResponse and a US Core panel: nine items, the difficulty and the total", () => {
    const panel = byCode("44249-1");
    const members = (panel?.hasMember ?? []).map(
      (member) => made.entry?.find((e) => e.fullUrl === member.reference)?.resource as Observation,
    );
    expect(members.map((m) => m.code.coding?.[0]?.code)).toEqual([
      ...(instrumentCodes.phq9.items ?? []).map((item) => item.code),
      difficultyQuestion.code,
      "44261-6",
    ]);
    // Item values 2,2,1,1,0,2,1,0,1 as LOINC answers; item 9 (44260-8) answered "Several days".
    expect(members.slice(0, 9).map((m) => m.valueCodeableConcept?.coding?.[0]?.code)).toEqual([
      "LA6570-1",
      "LA6570-1",
      "LA6569-3",
      "LA6569-3",
      "LA6568-5",
      "LA6570-1",
      "LA6569-3",
      "LA6568-5",
      "LA6569-3",
    ]);
    expect(members[9]?.valueCodeableConcept?.coding).toEqual([difficultyAnswers.very]);
    expect(members[9]?.valueCodeableConcept?.coding?.[0]?.code).toBe("LA6575-0");
    expect(members[10]?.valueInteger).toBe(10);
    const response = all<QuestionnaireResponse>("QuestionnaireResponse")[0];
    expect(response?.item?.map((i) => i.linkId)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `phq9-item-${String(i + 1)}`),
      "difficulty",
      "total",
    ]);
    for (const observation of [panel, ...members])
      expect(observation?.derivedFrom).toEqual([{ reference: urlOf(response) }]);
  });

  it("gives a GAD-7 its panel and total 70274-6 (no item codes), and a HAM-D-17 local codes", () => {
    const gad7 = byCode("69737-5");
    const gadMembers = (gad7?.hasMember ?? []).map(
      (member) => made.entry?.find((e) => e.fullUrl === member.reference)?.resource as Observation,
    );
    expect(gadMembers.map((m) => m.code.coding?.[0]?.code)).toEqual([difficultyQuestion.code, "70274-6"]);
    const hamd = byCode("hamd17-panel");
    expect(hamd?.code.coding).toEqual([instrumentCodes.hamd17.panel]);
    const hamdTotal = made.entry?.find((e) => e.fullUrl === hamd?.hasMember?.[0]?.reference)?.resource;
    expect(hamdTotal).toMatchObject({ code: { coding: [instrumentCodes.hamd17.total] }, valueInteger: 14 });
  });

  it("makes a Flag per risk flag, raised by its PHQ-9 panel", () => {
    const flags = all<Flag>("Flag");
    expect(flags).toHaveLength(source.riskFlags.length);
    expect(flags[0]).toMatchObject({ status: "active", subject: { reference: urlOf(patient) } });
    expect(ext(flags[0], "raised-by-observation")).toMatchObject({
      valueReference: { reference: urlOf(byCode("44249-1")) },
    });
  });

  it("makes a Provenance per signed session (author) and per co-signature (verifier)", () => {
    const provenances = all<Provenance>("Provenance");
    const signatures = provenances.filter(
      (p) => p.signature?.[0]?.type[0]?.code === "1.2.840.10065.1.12.1.1",
    );
    const coSignatures = provenances.filter(
      (p) => p.signature?.[0]?.type[0]?.code === "1.2.840.10065.1.12.1.5",
    );
    expect(signatures).toHaveLength(source.sessions.filter((s) => s.signedAt).length);
    expect(signatures.map((p) => p.target[0]?.reference)).toEqual(
      all<Encounter>("Encounter").map((e) => urlOf(e)),
    );
    expect(coSignatures).toHaveLength(1);
    expect(coSignatures[0]?.target).toEqual([{ reference: urlOf(plan) }]);
    expect(coSignatures[0]?.agent[0]?.who.identifier?.value).toBe(source.coSignatures[0]?.supervisorId);
  });
});

describe("validation", () => {
  it("refuses a resource that breaks the R4 definitions, naming the path", () => {
    const broken = { resourceType: "Observation", code: { text: "x" } } as unknown as Observation;
    const problems = structureProblems(broken, "entry[0].resource");
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.path)).toContain("entry[0].resource.status");
    expect(structureProblems({ resourceType: "Patient", foo: 1 } as never, "entry[1].resource")).toEqual([
      { path: "entry[1].resource.foo", message: 'Invalid additional property "foo"' },
    ]);
  });

  it("refuses an answer that does not fit its question, and a dangling reference", () => {
    const bundle = courseBundle(syntheticCourse({ format: "standard", area: "grief" }), options, new Date());
    const item = resources(bundle).find(
      (r): r is Observation => r.resourceType === "Observation" && r.code.coding?.[0]?.code === "44250-9",
    );
    if (!item) throw new Error("no item observation");
    item.valueCodeableConcept = { coding: [difficultyAnswers.very] };
    const plan = resources(bundle).find((r): r is CarePlan => r.resourceType === "CarePlan");
    if (!plan) throw new Error("no care plan");
    plan.addresses = [{ reference: "urn:uuid:00000000-0000-4000-8000-000000000000" }];
    const messages = codeProblems(bundle as never).map((p) => p.message);
    expect(messages).toContain("LA6575-0 does not answer 44250-9.");
    expect(messages).toContain("The reference names no entry of this Bundle.");
  });
});

describe("a Bundle from elsewhere", () => {
  it("is refused with paths, never a crash, whatever its entries hold", () => {
    const odd = [
      { resourceType: "NoSuchType", id: "x" },
      { resourceType: "CarePlan", status: 7, activity: "all" },
      { resourceType: "Patient", extension: [{ url: "https://elsewhere.example/x", valueString: "y" }] },
    ];
    const { course, problems } = checkCourseBundle({
      resourceType: "Bundle",
      type: "collection",
      entry: odd.map((resource) => ({ resource })),
    });
    expect(course).toBeNull();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.path.startsWith("entry[") || problem.path === "entry")).toBe(
      true,
    );
  });

  it("is refused when a value the app relies on is malformed or repeated, with the path", () => {
    const bundle = courseBundle(syntheticCourse({ format: "standard", area: "grief" }), options, new Date());
    const plan = resources(bundle).find((r): r is CarePlan => r.resourceType === "CarePlan");
    const time = plan?.extension?.find((e) => e.url.endsWith("/session-time"));
    if (!time || !plan?.activity) throw new Error("shape");
    time.valueString = "nine";
    const [, first, second] = plan.activity;
    const idOf = (a: typeof first) => a?.detail?.extension?.find((e) => e.url.endsWith("/session-id"));
    const secondId = idOf(second);
    if (secondId) secondId.valueString = idOf(first)?.valueString ?? "";
    const planIndex = (bundle.entry ?? []).findIndex((e) => e.resource?.resourceType === "CarePlan");
    const { course, problems } = checkCourseBundle(bundle as never);
    expect(course).toBeNull();
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          path: `entry[${String(planIndex)}].resource.extension`,
          message: "The session time is not a time like 09:30.",
        },
        { path: `entry[${String(planIndex)}].resource.activity`, message: "Two sessions have the same id." },
      ]),
    );
  });

  it("is read back into the course it came from", () => {
    const source = syntheticCourse({ format: "ipt_b", area: "role_dispute" });
    const bundle = courseBundle(source, options, new Date());
    const { course, problems } = checkCourseBundle(bundle as never);
    expect(problems).toEqual([]);
    expect(course?.course.format).toBe("ipt_b");
    expect(course?.course.disputeStage).toBe("renegotiation");
    expect(course?.sessions.map((s) => s.status)).toEqual(source.sessions.map((s) => s.status));
    expect(course?.scores.map((s) => [s.instrument, s.items, s.total, s.difficulty])).toEqual(
      source.measureScores.map((s) => [s.instrument, s.items, s.total, s.difficulty]),
    );
    expect(course?.riskFlags.map((f) => f.followUps.map((u) => [u.riskLevel, u.safetyPlan]))).toEqual([
      [["low", "reviewed"]],
    ]);
    expect(course?.sessions[0]?.amendments).toEqual([
      { reason: "Invented correction.", text: "Invented addendum.", createdAt: "2026-03-05T12:00:00.000Z" },
    ]);
  });
});

describe("generated courses of every format and area", () => {
  const formats = Object.keys(formatPresets) as CourseFormat[];
  for (const format of formats) {
    for (const area of problemAreas as readonly ProblemArea[]) {
      it(`${format} / ${area} validates`, () => {
        const bundle = courseBundle(
          syntheticCourse({ format, area }),
          options,
          new Date("2026-03-01T10:00:00Z"),
        );
        expect(structureProblems(bundle)).toEqual([]);
        resources(bundle).forEach((resource, index) => {
          expect(structureProblems(resource, `entry[${String(index)}].resource`)).toEqual([]);
        });
        expect(codeProblems(bundle as never)).toEqual([]);
        const plan = resources(bundle).find((r): r is CarePlan => r.resourceType === "CarePlan");
        expect(plan?.intent).toBe("plan");
        expect(plan?.activity?.[0]?.detail?.code?.coding).toEqual([snomedCodes.interpersonalPsychotherapy]);
        expect(plan?.activity).toHaveLength(formatPresets[format].defaultSessions + 1);
        expect(resources(bundle).filter((r) => r.resourceType === "Goal").length).toBeGreaterThan(0);
      });
    }
  }
});

describe("generated courses of every kind", () => {
  it.each(["maintenance", "group"] as const)(
    "a %s course validates, and an import refuses it alone, naming the CarePlan's path",
    (kind) => {
      const bundle = courseBundle(
        syntheticCourse({ format: "standard", area: "role_transition", kind }),
        options,
        new Date("2026-03-01T10:00:00Z"),
      );
      expect(structureProblems(bundle)).toEqual([]);
      resources(bundle).forEach((resource, index) => {
        expect(structureProblems(resource, `entry[${String(index)}].resource`)).toEqual([]);
      });
      expect(codeProblems(bundle as never)).toEqual([]);
      const plan = resources(bundle).find((r): r is CarePlan => r.resourceType === "CarePlan");
      expect(plan?.extension).toContainEqual({ url: extensionUrl("course-kind"), valueString: kind });
      const planIndex = resources(bundle).findIndex((r) => r.resourceType === "CarePlan");
      const { course, problems } = checkCourseBundle(bundle as never);
      expect(course).toBeNull();
      expect(problems.map((p) => p.path)).toEqual([`entry[${String(planIndex)}].resource.extension`]);
    },
  );

  it("a maintenance course's Bundle carries its acute course whole: two CarePlans, the second replacing the first, the client's entries once", () => {
    const [acute, maintenance] = syntheticMaintenancePair({ format: "standard", area: "role_dispute" });
    const bundle = courseBundle(maintenance, options, new Date("2026-07-01T10:00:00Z"), acute);
    resources(bundle).forEach((resource, index) => {
      expect(structureProblems(resource, `entry[${String(index)}].resource`)).toEqual([]);
    });
    expect(codeProblems(bundle as never)).toEqual([]);
    const entries = bundle.entry ?? [];
    const plans = entries.filter((e) => e.resource?.resourceType === "CarePlan");
    expect(plans.map((e) => e.fullUrl)).toEqual([`urn:uuid:${acute.id}`, `urn:uuid:${maintenance.id}`]);
    expect((plans[1]?.resource as CarePlan).replaces).toEqual([{ reference: `urn:uuid:${acute.id}` }]);
    for (const type of ["Patient", "Condition"]) {
      expect(entries.filter((e) => e.resource?.resourceType === type)).toHaveLength(1);
    }
    expect(entries.filter((e) => e.resource?.resourceType === "RelatedPerson")).toHaveLength(
      acute.client.people.length,
    );
    expect(new Set(entries.map((e) => e.fullUrl)).size).toBe(entries.length);

    // Read back as two courses, each with its own sessions, scores and records.
    const { course, acute: read, problems } = checkCourseBundle(bundle as never);
    expect(problems).toEqual([]);
    expect(read?.sessions.map((s) => s.sourceId)).toEqual(acute.sessions.map((s) => s.id));
    expect(course?.sessions.map((s) => s.sourceId)).toEqual(maintenance.sessions.map((s) => s.id));
    expect(read?.scores.map((s) => s.sourceId)).toEqual(acute.measureScores.map((s) => s.id));
    expect(course?.scores.map((s) => s.sourceId)).toEqual(maintenance.measureScores.map((s) => s.id));
    expect(course?.supervision.threads.length).toBe(maintenance.reviewThreads.length);
    expect(read?.course.outcome).toBe("completed");
    expect(course?.inventory).toEqual(read?.inventory);
  });

  it("refuses two CarePlans that do not link by replaces, or that both replace, naming the path", () => {
    const [acute, maintenance] = syntheticMaintenancePair({ format: "standard", area: "grief" });
    const bundle = courseBundle(maintenance, options, new Date("2026-07-01T10:00:00Z"), acute);
    const [acuteIndex = -1, ownIndex = -1] = (bundle.entry ?? []).flatMap((e, index) =>
      e.resource?.resourceType === "CarePlan" ? [index] : [],
    );
    const acutePlan = bundle.entry?.[acuteIndex]?.resource as CarePlan;
    const ownPlan = bundle.entry?.[ownIndex]?.resource as CarePlan;
    acutePlan.replaces = [{ reference: `urn:uuid:${maintenance.id}` }];
    expect(checkCourseBundle(bundle as never).problems.map((p) => p.path)).toEqual([
      `entry[${String(acuteIndex)}].resource.replaces`,
    ]);
    delete acutePlan.replaces;
    delete ownPlan.replaces;
    expect(checkCourseBundle(bundle as never).problems.map((p) => p.path)).toEqual([
      `entry[${String(ownIndex)}].resource.replaces`,
    ]);
  });

  it("refuses an entry of a maintenance Bundle that belongs to neither course, naming it", () => {
    const [acute, maintenance] = syntheticMaintenancePair({ format: "standard", area: "grief" });
    const bundle = courseBundle(maintenance, options, new Date("2026-07-01T10:00:00Z"), acute);
    const index = (bundle.entry ?? []).findIndex((e) => e.resource?.resourceType === "Flag");
    const flag = bundle.entry?.[index]?.resource;
    if (flag?.resourceType !== "Flag") throw new Error("shape");
    // Cut off from its course: no encounter, no score panel, a session of neither plan.
    delete flag.encounter;
    flag.extension = (flag.extension ?? []).flatMap((e) =>
      e.url === extensionUrl("raised-by-observation")
        ? []
        : e.url === extensionUrl("session-id")
          ? [{ ...e, valueString: "no-such-session" }]
          : [e],
    );
    const { course, problems } = checkCourseBundle(bundle as never);
    expect(course).toBeNull();
    expect(problems).toEqual([
      {
        path: `entry[${String(index)}]`,
        message: "This entry belongs to neither course of the Bundle: it refers to no record of either.",
      },
    ]);
  });
});

describe("the calendar SEQUENCE", () => {
  const sequenceUrl = extensionUrl("session-schedule-sequence");
  const activities = (bundle: Bundle) =>
    resources(bundle)
      .find((r): r is CarePlan => r.resourceType === "CarePlan")
      ?.activity?.slice(1) ?? [];
  const sequenceOf = (activity: NonNullable<CarePlan["activity"]>[number] | undefined) =>
    activity?.detail?.extension?.find((e) => e.url === sequenceUrl);

  it("travels on each session's activity under our base, left out while 0, and is read back", () => {
    const source = syntheticCourse({ format: "standard", area: "grief" });
    const [first, second] = source.sessions;
    if (!first || !second) throw new Error("shape");
    first.scheduleSequence = 3;
    second.scheduleSequence = 0;
    const bundle = courseBundle(source, options, new Date());
    const [one, two] = activities(bundle);
    expect(sequenceOf(one)).toEqual({ url: sequenceUrl, valueInteger: 3 });
    expect(sequenceOf(two)).toBeUndefined();
    const { course, problems } = checkCourseBundle(bundle as never);
    expect(problems).toEqual([]);
    expect(course?.sessions.map((s) => s.scheduleSequence)).toEqual(
      source.sessions.map((s) => s.scheduleSequence),
    );
  });

  it("is refused when negative or not a whole number, naming the path", () => {
    const source = syntheticCourse({ format: "standard", area: "grief" });
    const [first, second] = source.sessions;
    if (!first || !second) throw new Error("shape");
    first.scheduleSequence = 2;
    second.scheduleSequence = 2;
    const bundle = courseBundle(source, options, new Date());
    const [one, two] = activities(bundle);
    const negative = sequenceOf(one);
    const text = sequenceOf(two);
    if (!negative || !text) throw new Error("shape");
    negative.valueInteger = -1;
    delete text.valueInteger;
    text.valueString = "two";
    const planIndex = resources(bundle).findIndex((r) => r.resourceType === "CarePlan");
    const { course, problems } = checkCourseBundle(bundle as never);
    expect(course).toBeNull();
    const at = `entry[${String(planIndex)}].resource.activity`;
    const textIndex = two?.detail?.extension?.indexOf(text) ?? -1;
    expect(problems.map((p) => p.path)).toEqual([
      `${at}[2].detail.extension[${String(textIndex)}].valueInteger`,
      `${at}[1].detail.extension`,
    ]);
  });
});

describe("the calendar UID", () => {
  const uidUrl = extensionUrl("session-calendar-uid");
  const activities = (bundle: Bundle) =>
    resources(bundle)
      .find((r): r is CarePlan => r.resourceType === "CarePlan")
      ?.activity?.slice(1) ?? [];
  const uidOf = (activity: NonNullable<CarePlan["activity"]>[number] | undefined) =>
    activity?.detail?.extension?.find((e) => e.url === uidUrl);

  it("travels on each session's activity under our base and is read back as it was", () => {
    const source = syntheticCourse({ format: "standard", area: "grief" });
    const bundle = courseBundle(source, options, new Date());
    expect(activities(bundle).map((activity) => uidOf(activity)?.valueString)).toEqual(
      source.sessions.map((s) => s.calendarUid),
    );
    const { course, problems } = checkCourseBundle(bundle as never);
    expect(problems).toEqual([]);
    expect(course?.sessions.map((s) => s.calendarUid)).toEqual(source.sessions.map((s) => s.calendarUid));
  });

  it("is read as none when absent, and refused when malformed or given to two sessions, naming the path", () => {
    const source = syntheticCourse({ format: "standard", area: "grief" });
    const bundle = courseBundle(source, options, new Date());
    const [one, two, three] = activities(bundle);
    const first = uidOf(one);
    const second = uidOf(two);
    if (!first || !second || !three?.detail) throw new Error("shape");
    three.detail.extension = three.detail.extension?.filter((e) => e.url !== uidUrl);
    expect(checkCourseBundle(bundle as never).course?.sessions[2]?.calendarUid).toBeNull();

    first.valueString = "two words\r\nBEGIN:VEVENT";
    const planIndex = resources(bundle).findIndex((r) => r.resourceType === "CarePlan");
    const at = `entry[${String(planIndex)}].resource.activity`;
    expect(checkCourseBundle(bundle as never).problems.map((p) => p.path)).toEqual([
      `${at}[1].detail.extension`,
    ]);
    first.valueString = second.valueString;
    expect(checkCourseBundle(bundle as never).problems).toEqual([
      { path: at, message: "Two sessions have the same calendar UID." },
    ]);
  });
});

describe("the interpersonal inventory and the histories", () => {
  const source = syntheticCourse({ format: "standard", area: "role_dispute" });
  const [sister, colleague] = source.client.people;
  const patientUrl = "urn:uuid:11111111-1111-4111-8111-111111111111";

  it("maps a person to a RelatedPerson: label as name, relationship as text, the rest in extensions", () => {
    if (!sister) throw new Error("shape");
    const person = relatedPersonOf(sister, patientUrl, true);
    expect(person).toMatchObject({
      resourceType: "RelatedPerson",
      patient: { reference: patientUrl },
      relationship: [{ text: "Sister" }],
      name: [{ text: "Invented sister" }],
    });
    const ext = (name: string) => person.extension?.find((e) => e.url === extensionUrl(name));
    expect(ext("closeness-ring")?.valueCoding).toEqual({
      system: iptCodeSystems.closenessRing,
      code: "inner",
      display: "Inner circle",
    });
    expect(ext("changes-near-onset")?.valueString).toBe("Invented: moved away.");
    // Empty answers are left out, never sent as empty strings.
    expect(ext("negatives")).toBeUndefined();
    expect(structureProblems(person, "p")).toEqual([]);
  });

  it("leaves the label (a third party's name) out of a pseudonymised export, and reads it back by position", () => {
    if (!sister) throw new Error("shape");
    const person = relatedPersonOf(sister, patientUrl, false);
    expect(person.name).toBeUndefined();
    expect(person.relationship).toEqual([{ text: "Sister" }]);
    expect(JSON.stringify(courseBundle(source, options, new Date()))).not.toContain("Invented sister");
    const { course, problems } = checkCourseBundle(courseBundle(source, options, new Date()) as never);
    expect(problems).toEqual([]);
    expect(course?.inventory.people.map((p) => [p.label, p.relationship])).toEqual([
      ["Person 1", "Sister"],
      ["Person 2", "Colleague"],
    ]);
  });

  it("maps a life event to a social-history Observation about its person, on its date", () => {
    const [moved, lost] = source.client.lifeEvents;
    if (!moved || !lost || !sister) throw new Error("shape");
    const personOf = (id: string) => (id === sister.id ? `urn:uuid:${id}` : null);
    const event = lifeEventOf(moved, { patient: patientUrl, personOf });
    expect(event).toMatchObject({
      resourceType: "Observation",
      status: "final",
      category: [{ coding: [socialHistoryCategory] }],
      code: { coding: [{ system: iptCodeSystems.lifeEventKind, code: "transition" }] },
      subject: { reference: patientUrl },
      focus: [{ reference: `urn:uuid:${sister.id}` }],
      effectiveDateTime: "2025-11-03",
      valueString: "Invented: sister moved abroad.",
    });
    expect(isLifeEvent(event)).toBe(true);
    expect(lifeEventOf(lost, { patient: patientUrl, personOf }).focus).toBeUndefined();
    // An event whose person was removed travels without the person.
    expect(
      lifeEventOf({ ...moved, personId: colleague?.id ?? null }, { patient: patientUrl, personOf }).focus,
    ).toBeUndefined();
    expect(structureProblems(event, "e")).toEqual([]);
  });

  it("puts the histories on the CarePlan as complex extensions, oldest first", () => {
    const [change] = historyExtensions(source);
    expect(change?.url).toBe(extensionUrl("problem-area-change"));
    expect(change?.extension).toEqual([
      { url: "fromPrimary", valueString: "grief" },
      { url: "toPrimary", valueString: "role_dispute" },
      { url: "toStage", valueString: "renegotiation" },
      { url: "reason", valueString: "Invented: the grief was not the focus." },
      { url: "changedAt", valueDateTime: "2026-03-16T11:00:00.000Z" },
      { url: "changedBy", valueString: source.client.therapistId },
    ]);
    expect(
      historyExtensions(source)
        .slice(1)
        .map((e) => e.extension?.[0]?.valueString),
    ).toEqual(["generated", "session_cancelled"]);
  });

  it("is read back: people, events with their person, and both histories", () => {
    const identifying = { ...options, includeIdentifyingDetails: true };
    const { course, problems } = checkCourseBundle(courseBundle(source, identifying, new Date()) as never);
    expect(problems).toEqual([]);
    expect(course?.inventory.people.map((p) => [p.sourceId, p.label, p.ring, p.negatives])).toEqual(
      source.client.people.map((p) => [p.id, p.label, p.ring, p.negatives]),
    );
    expect(course?.inventory.lifeEvents).toEqual([
      {
        personSourceId: sister?.id,
        occurredOn: "2025-11-03",
        kind: "transition",
        description: "Invented: sister moved abroad.",
      },
      { personSourceId: null, occurredOn: "2025-12-20", kind: "other", description: "Invented: lost a job." },
    ]);
    expect(course?.histories.problemAreaChanges).toEqual([
      {
        fromPrimary: "grief",
        toPrimary: "role_dispute",
        fromSecondary: null,
        toSecondary: null,
        fromStage: null,
        toStage: "renegotiation",
        reason: "Invented: the grief was not the focus.",
        changedAt: "2026-03-16T11:00:00.000Z",
      },
    ]);
    expect(course?.histories.planChanges.map((c) => c.kind)).toEqual(["generated", "session_cancelled"]);
  });

  it("refuses a malformed person, life event or history entry, naming the path", () => {
    const bundle = courseBundle(source, options, new Date());
    const entries = bundle.entry ?? [];
    const indexOf = (test: (r: Resource) => boolean) =>
      entries.findIndex((e) => e.resource && test(e.resource));
    const personIndex = indexOf((r) => r.resourceType === "RelatedPerson");
    const eventIndex = indexOf((r) => r.resourceType === "Observation" && isLifeEvent(r));
    const planIndex = indexOf((r) => r.resourceType === "CarePlan");
    const person = entries[personIndex]?.resource;
    const event = entries[eventIndex]?.resource;
    const plan = entries[planIndex]?.resource;
    if (person?.resourceType !== "RelatedPerson" || event?.resourceType !== "Observation")
      throw new Error("shape");
    if (plan?.resourceType !== "CarePlan") throw new Error("shape");
    person.name = [{ text: "x".repeat(81) }];
    event.effectiveDateTime = "2025-11-03T10:00:00Z";
    const historyIndex =
      plan.extension?.findIndex((e) => e.url === extensionUrl("problem-area-change")) ?? -1;
    const history = plan.extension?.[historyIndex];
    const toPrimary = history?.extension?.findIndex((part) => part.url === "toPrimary") ?? -1;
    const part = history?.extension?.[toPrimary];
    if (!part) throw new Error("shape");
    part.valueString = "loneliness";

    const { course, problems } = checkCourseBundle(bundle as never);
    expect(course).toBeNull();
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        `entry[${String(personIndex)}].resource.name[0].text`,
        `entry[${String(eventIndex)}].resource.effectiveDateTime`,
        `entry[${String(planIndex)}].resource.extension[${String(historyIndex)}].extension[${String(toPrimary)}]`,
      ]),
    );
  });

  it("refuses a life event about a person the Bundle does not hold as one of the inventory", () => {
    const bundle = courseBundle(source, options, new Date());
    const entries = bundle.entry ?? [];
    const eventIndex = entries.findIndex(
      (e) => e.resource?.resourceType === "Observation" && isLifeEvent(e.resource),
    );
    const event = entries[eventIndex]?.resource;
    if (event?.resourceType !== "Observation") throw new Error("shape");
    // The Patient: the reference resolves (our code checks pass) but names no inventory person.
    event.focus = [{ reference: entries[0]?.fullUrl ?? "" }];
    const { problems } = checkCourseBundle(bundle as never);
    expect(problems).toContainEqual({
      path: `entry[${String(eventIndex)}].resource.focus[0].reference`,
      message: "The life event names no person of the inventory.",
    });
  });
});

describe("the supervision records", () => {
  const source = syntheticCourse({ format: "standard", area: "grief" });
  const bundle = () => courseBundle(source, options, new Date());
  const typed = <T extends Resource>(b: Bundle, type: T["resourceType"]) =>
    (b.entry ?? []).flatMap((e) => (e.resource?.resourceType === type ? [e.resource as T] : []));

  it("maps a thread to a Task, its messages to Communications, a rating to an Observation", () => {
    const made = bundle();
    const [request, comment] = typed<Task>(made, "Task");
    const plan = made.entry?.find((e) => e.resource?.resourceType === "CarePlan")?.fullUrl;
    expect(request).toMatchObject({
      status: "completed",
      intent: "order",
      code: { coding: [{ system: iptCodeSystems.reviewThreadKind, code: "change_request" }] },
      focus: { reference: plan },
      authoredOn: "2026-03-17T12:00:00.000Z",
      requester: { identifier: { system: USER_SYSTEM, value: source.coSignatures[0]?.supervisorId } },
      owner: { identifier: { system: USER_SYSTEM, value: source.client.therapistId } },
      executionPeriod: { end: "2026-03-17T12:03:00.000Z" },
      output: [{ type: { text: "Resolution" }, valueString: "Invented: stage named." }],
    });
    // The comment on a held session points at its Encounter, and is open.
    expect(comment).toMatchObject({ status: "requested", intent: "proposal" });
    expect(comment?.focus?.reference).toBe(`urn:uuid:${source.sessions[0]?.id ?? ""}`);
    const messages = typed<Communication>(made, "Communication");
    expect(messages.map((m) => [m.payload?.[0]?.contentString, m.partOf?.[0]?.reference])).toEqual([
      ["Invented: name the dispute's stage.", `urn:uuid:${source.reviewThreads[0]?.id ?? ""}`],
      ["Invented: done, see the amendment.", `urn:uuid:${source.reviewThreads[0]?.id ?? ""}`],
      ["Invented: was the incident chosen well?", `urn:uuid:${source.reviewThreads[1]?.id ?? ""}`],
      ["Invented: yes, it was recent.", `urn:uuid:${source.reviewThreads[1]?.id ?? ""}`],
    ]);
    const ratings = typed<Observation>(made, "Observation").filter(isFidelityRating);
    expect(ratings).toHaveLength(2);
    const [self] = ratings;
    expect(self?.component?.[0]).toEqual({
      code: {
        coding: [
          expect.objectContaining({ system: iptCodeSystems.fidelityItem, code: "diagnosis_and_sick_role" }),
        ],
      },
      valueInteger: 4,
    });
    expect(self?.component?.[fidelityItemKeys.length - 1]?.dataAbsentReason).toEqual({
      coding: [notApplicable],
    });
    expect(self?.valueQuantity).toEqual({ value: 4 });
    expect(ratings[1]?.note).toEqual([{ text: "Invented: keep the focus on the dispute." }]);
    [...typed(made, "Task"), ...messages, ...ratings].forEach((resource, index) => {
      expect(structureProblems(resource, `r${String(index)}`)).toEqual([]);
    });
    expect(codeProblems(made as never)).toEqual([]);
  });

  it("is read back: threads with their messages and roles, ratings with their scores, supervisors by reference", () => {
    const { course, problems } = checkCourseBundle(bundle() as never);
    expect(problems).toEqual([]);
    const supervisor = source.coSignatures[0]?.supervisorId;
    expect(
      course?.supervision.threads.map((t) => [
        t.kind,
        t.target,
        t.openedByRole,
        t.openedByExternal,
        t.resolution,
      ]),
    ).toEqual([
      ["change_request", "formulation", "supervisor", supervisor, "Invented: stage named."],
      ["comment", "session", "therapist", null, null],
    ]);
    expect(course?.supervision.threads[1]?.sessionSourceId).toBe(source.sessions[0]?.id);
    // The therapist's side has no external author (it becomes the assigned therapist's); a supervisor
    // keeps the identifier the Bundle gave.
    expect(course?.supervision.threads[1]?.messages.map((m) => [m.authorRole, m.authorExternal])).toEqual([
      ["therapist", null],
      ["supervisor", supervisor],
    ]);
    expect(
      course?.supervision.fidelityRatings.map((r) => [
        r.raterRole,
        r.raterExternal,
        r.scores.inventory,
        r.scores.risk_reviewed,
      ]),
    ).toEqual([
      ["self", null, 4, null],
      ["supervisor", supervisor, 2, null],
    ]);
  });

  it("refuses a supervisor's record that does not name its author by a user identifier, with paths", () => {
    const made = bundle();
    const entries = made.entry ?? [];
    const bySupervisor = (r: Resource) =>
      "extension" in r && !!r.extension?.some((e) => e.valueCoding?.code === "supervisor");
    const taskIndex = entries.findIndex(
      (e) => e.resource?.resourceType === "Task" && bySupervisor(e.resource),
    );
    const messageIndex = entries.findIndex(
      (e) => e.resource?.resourceType === "Communication" && bySupervisor(e.resource),
    );
    const ratingIndex = entries.findIndex(
      (e) =>
        e.resource?.resourceType === "Observation" &&
        isFidelityRating(e.resource) &&
        bySupervisor(e.resource),
    );
    const task = entries[taskIndex]?.resource;
    const message = entries[messageIndex]?.resource;
    const rating = entries[ratingIndex]?.resource;
    if (task?.resourceType !== "Task" || message?.resourceType !== "Communication") throw new Error("shape");
    if (rating?.resourceType !== "Observation") throw new Error("shape");
    task.requester = { display: "Dr Invented" };
    message.sender = { identifier: { system: "https://elsewhere.example.org/users", value: "someone" } };
    delete rating.performer;

    const { course, problems } = checkCourseBundle(made as never);
    expect(course).toBeNull();
    expect(problems.map((p) => p.path)).toEqual([
      `entry[${String(taskIndex)}].resource.requester`,
      `entry[${String(messageIndex)}].resource.sender`,
      `entry[${String(ratingIndex)}].resource.performer[0]`,
    ]);
  });

  it("refuses a therapist's change request, a rating of a session not held and a stray message, with paths", () => {
    const made = bundle();
    const entries = made.entry ?? [];
    const indexOf = (test: (r: Resource) => boolean) =>
      entries.findIndex((e) => e.resource && test(e.resource));
    const taskIndex = indexOf((r) => r.resourceType === "Task");
    const ratingIndex = indexOf((r) => r.resourceType === "Observation" && isFidelityRating(r));
    const messageIndex = indexOf((r) => r.resourceType === "Communication");
    const task = entries[taskIndex]?.resource;
    const rating = entries[ratingIndex]?.resource;
    const message = entries[messageIndex]?.resource;
    if (task?.resourceType !== "Task" || rating?.resourceType !== "Observation") throw new Error("shape");
    if (message?.resourceType !== "Communication") throw new Error("shape");
    const role = task.extension?.find((e) => e.url === extensionUrl("author-role"));
    if (!role?.valueCoding) throw new Error("shape");
    role.valueCoding.code = "therapist";
    const session = rating.extension?.find((e) => e.url === extensionUrl("session-id"));
    if (!session) throw new Error("shape");
    session.valueString = source.sessions.find((s) => s.status === "planned")?.id;
    message.partOf = [{ reference: entries[0]?.fullUrl ?? "" }];

    const { course, problems } = checkCourseBundle(made as never);
    expect(course).toBeNull();
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        `entry[${String(taskIndex)}].resource.extension`,
        `entry[${String(ratingIndex)}].resource.extension`,
        `entry[${String(messageIndex)}].resource.partOf`,
      ]),
    );
  });
});
