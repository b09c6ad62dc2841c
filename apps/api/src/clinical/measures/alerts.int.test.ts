// Measurement alerts as the caseload, the course page and the measures view show them: each appears
// when its rule is met and clears once a later score or session no longer meets it. Thresholds come
// from the organisation's settings (defaults when never saved).
import { caseloadResponse, defaultMeasurementSettings, type CourseDetail } from "@ipt/shared";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp } from "../../../test/helpers/app";
import { asCourse, therapistWithCourse, type Clinician } from "../../../test/helpers/clinical";
import {
  heldSession,
  measuresOf,
  noShowSession,
  recordGad7,
  recordPhq9,
  recorded,
} from "../../../test/helpers/measures";

const { app, prisma } = await createTestApp();

afterEach(async () => {
  await prisma.organisationSettings.deleteMany();
});

/** A therapist's middle-phase course: 12 weekly sessions from 2026-01-05, all in the past. */
const newCourse = (options: { terminationLead?: number } = {}) =>
  therapistWithCourse(app, prisma, { phase: "middle", ...options });

/** Flag codes on the measures view, the course page and the caseload row: they must agree. */
async function flagCodes(who: Clinician, course: CourseDetail) {
  const view = (await measuresOf(who, course.id)).flags.map((f) => f.code);
  const detail = asCourse(await who.get(`/api/courses/${course.id}`)).flags.map((f) => f.code);
  const page = caseloadResponse.parse((await who.get("/api/clients?pageSize=100")).json());
  const row = page.items.find((item) => item.id === course.client.id)!.flags.map((f) => f.code);
  // The course page and the caseload add course flags after the measure flags.
  expect(detail.slice(0, view.length)).toEqual(view);
  expect(row).toEqual(detail);
  return detail;
}

/** Holds sessions `numbers` in order and returns their ids by number. */
async function hold(who: Clinician, course: CourseDetail, numbers: number[]) {
  const ids = new Map<number, string>();
  for (const number of numbers) ids.set(number, (await heldSession(who, course, number)).id);
  return ids;
}

describe("measurement alerts", () => {
  it("measures overdue: appears once a due session is held without scores, clears once they are recorded", async () => {
    const { therapist, course } = await newCourse();
    expect(await flagCodes(therapist, course)).toEqual([]);

    const ids = await hold(therapist, course, [1]);
    expect(await flagCodes(therapist, course)).toEqual(["measures_overdue"]);
    const view = await measuresOf(therapist, course.id);
    expect(view.flags[0]).toMatchObject({ severity: "amber" });
    expect(view.flags[0]?.message).toMatch(/PHQ-9 and GAD-7 were due at session 1/);
    expect(view.schedule[0]).toEqual({
      sessionNumber: 1,
      reasons: ["baseline"],
      phq9: "overdue",
      gad7: "overdue",
    });
    const flagged = caseloadResponse.parse((await therapist.get("/api/clients?flagged=true")).json());
    expect(flagged.items.map((item) => item.id)).toEqual([course.client.id]);

    await recordPhq9(therapist, course.id, ids.get(1)!, 14);
    expect(await flagCodes(therapist, course)).toEqual(["measures_overdue"]);
    await recordGad7(therapist, course.id, ids.get(1)!, 9);
    expect(await flagCodes(therapist, course)).toEqual([]);
    expect((await measuresOf(therapist, course.id)).schedule.slice(0, 2)).toEqual([
      { sessionNumber: 1, reasons: ["baseline"], phq9: "recorded", gad7: "recorded" },
      { sessionNumber: 4, reasons: ["interval", "early_review"], phq9: "upcoming", gad7: "upcoming" },
    ]);
    const unflagged = caseloadResponse.parse((await therapist.get("/api/clients?flagged=false")).json());
    expect(unflagged.items.map((item) => item.id)).toEqual([course.client.id]);
  });

  it("reliable deterioration: red when PHQ-9 rises 6 or more from baseline, cleared by a lower later score", async () => {
    const { therapist, course } = await newCourse();
    const ids = await hold(therapist, course, [1, 2, 3]);
    await recordPhq9(therapist, course.id, ids.get(1)!, 12);
    await recordGad7(therapist, course.id, ids.get(1)!, 6);
    await recordPhq9(therapist, course.id, ids.get(2)!, 18);

    const codes = await flagCodes(therapist, course);
    expect(codes[0]).toBe("reliable_deterioration");
    const view = await measuresOf(therapist, course.id);
    expect(view.flags[0]).toMatchObject({ severity: "red", sources: ["NHS-TT", "MBC-default"] });
    expect(view.summary).toMatchObject({
      latestPhq9: { total: 18, sessionNumber: 2, band: { key: "moderately_severe" } },
      latestGad7: { total: 6, sessionNumber: 1 },
      phq9Change: 6,
      phq9ReductionPercent: -50,
      status: "reliable_deterioration",
    });

    await recordPhq9(therapist, course.id, ids.get(3)!, 13);
    expect(await flagCodes(therapist, course)).not.toContain("reliable_deterioration");
    expect((await measuresOf(therapist, course.id)).summary).toMatchObject({
      phq9Change: 1,
      status: "non_response",
    });
  });

  it("early non-response at session 4, then not on track once two mid-course scores in a row fall short", async () => {
    const { therapist, course } = await newCourse();
    const ids = await hold(therapist, course, [1, 2, 3, 4, 5, 6, 7, 8]);
    const phq = (number: number, total: number) => recordPhq9(therapist, course.id, ids.get(number)!, total);
    await phq(1, 20);

    await phq(4, 18);
    expect(await flagCodes(therapist, course)).toContain("early_non_response");

    await phq(6, 18);
    let codes = await flagCodes(therapist, course);
    expect(codes).not.toContain("early_non_response");
    expect(codes).not.toContain("not_on_track");

    await phq(7, 17);
    codes = await flagCodes(therapist, course);
    expect(codes).toContain("not_on_track");
    const view = await measuresOf(therapist, course.id);
    expect(view.flags.find((f) => f.code === "not_on_track")).toMatchObject({ severity: "amber" });

    await phq(8, 10);
    expect(await flagCodes(therapist, course)).not.toContain("not_on_track");
    expect((await measuresOf(therapist, course.id)).summary).toMatchObject({ status: "response" });
  });

  it("the percentage rules are skipped when baseline PHQ-9 is below 10", async () => {
    const { therapist, course } = await newCourse();
    const ids = await hold(therapist, course, [1, 2, 3, 4, 5, 6, 7]);
    for (const number of [1, 4, 6, 7]) await recordPhq9(therapist, course.id, ids.get(number)!, 8);

    const codes = await flagCodes(therapist, course);
    expect(codes).not.toContain("early_non_response");
    expect(codes).not.toContain("not_on_track");
    expect((await measuresOf(therapist, course.id)).outcome).toMatchObject({
      percentRulesApply: false,
      status: "no_reliable_change",
    });
  });

  it("two no-shows in a row are flagged until a session is held again", async () => {
    const { therapist, course } = await newCourse();
    const ids = await hold(therapist, course, [1]);
    await recordPhq9(therapist, course.id, ids.get(1)!, 12);
    await recordGad7(therapist, course.id, ids.get(1)!, 8);
    await noShowSession(therapist, course, 2);
    expect(await flagCodes(therapist, course)).toEqual([]);

    await noShowSession(therapist, course, 3);
    expect(await flagCodes(therapist, course)).toEqual(["no_shows_in_a_row"]);
    expect((await measuresOf(therapist, course.id)).flags[0]?.message).toMatch(
      /2 no-shows in a row \(sessions 2 and 3\)/,
    );

    await heldSession(therapist, course, 4);
    expect(await flagCodes(therapist, course)).not.toContain("no_shows_in_a_row");
  });

  it("orders red risk and measure alerts before amber ones, and course flags after the measure flags", async () => {
    const { therapist, course } = await newCourse({ terminationLead: 3 });
    const ids = await hold(therapist, course, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await recordPhq9(therapist, course.id, ids.get(1)!, 10);
    await recordPhq9(therapist, course.id, ids.get(9)!, 20, 1);

    const codes = await flagCodes(therapist, course);
    expect(codes.slice(0, 2)).toEqual(["risk_item9", "reliable_deterioration"]);
    expect(codes.at(-1)).toBe("termination_not_raised");
    const detail = asCourse(await therapist.get(`/api/courses/${course.id}`));
    const ranks = detail.flags.map((f) => ["red", "amber", "notice"].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("uses the organisation's saved thresholds and cadence instead of the defaults", async () => {
    const { therapist, course } = await newCourse();
    const ids = await hold(therapist, course, [1, 2]);
    await recordPhq9(therapist, course.id, ids.get(1)!, 12);
    await recordGad7(therapist, course.id, ids.get(1)!, 8);
    await recordPhq9(therapist, course.id, ids.get(2)!, 15);
    expect(await flagCodes(therapist, course)).toEqual([]);

    await prisma.organisationSettings.create({
      data: {
        id: 1,
        measurement: { ...defaultMeasurementSettings, deteriorationPhq9Points: 3, measureEverySessions: 1 },
      },
    });

    const view = await measuresOf(therapist, course.id);
    expect(view.settings).toMatchObject({ deteriorationPhq9Points: 3, measureEverySessions: 1 });
    expect(view.flags.map((f) => f.code)).toEqual(["reliable_deterioration", "measures_overdue"]);
    expect(view.schedule.map((point) => point.sessionNumber)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(view.schedule[1]).toMatchObject({ phq9: "recorded", gad7: "overdue" });
    await recorded(therapist, course.id, {
      sessionId: ids.get(2)!,
      instrument: "gad7",
      items: [1, 1, 1, 1, 1, 1, 1],
    });
    expect(await flagCodes(therapist, course)).toEqual(["reliable_deterioration"]);
  });
});
