// Organisation settings (measurement, supervision and the service's time zone): admins read and save them with optimistic
// versions; every other role is refused; bad input names the field and changes nothing; every read and
// save is audited.
import {
  crisisStepsResponse,
  defaultMeasurementSettings,
  defaultQuestionnaireSendingSettings,
  defaultQuestionnaireSettings,
  defaultSafetySettings,
  defaultServiceSettings,
  defaultSupervisionSettings,
  measurementSettingsResponse,
  type MeasurementSettings,
  type SafetySettings,
  type ServiceSettings,
  type SupervisionSettings,
} from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { auditRows, expectApiError, fieldNames } from "../../test/helpers/api";
import { createTestApp } from "../../test/helpers/app";
import { ok, signedInAs, therapistWithCourse } from "../../test/helpers/clinical";
import { heldSession, measuresOf, recordGad7, recordPhq9 } from "../../test/helpers/measures";

const { app, prisma } = await createTestApp();
const URL = "/api/admin/settings/measurement";

const admin = await signedInAs(app, prisma, "admin");

const read = async () => ok(await admin.get(URL), measurementSettingsResponse);
const save = (
  version: number,
  settings: Partial<MeasurementSettings> & object,
  supervision: SupervisionSettings = defaultSupervisionSettings,
  service: ServiceSettings = defaultServiceSettings,
  safety: SafetySettings = defaultSafetySettings,
) =>
  admin.put(URL, {
    version,
    settings: { ...defaultMeasurementSettings, ...settings },
    supervision,
    service,
    safety,
  });
const supervision = defaultSupervisionSettings;
const service = defaultServiceSettings;
const safety = defaultSafetySettings;

describe("measurement settings", () => {
  // The tests below run in order on one database: the first sees the defaults, never saved.
  it("before any save, answers the documented defaults at version 0, and audits the read", async () => {
    const body = await read();
    expect(body).toEqual({
      settings: defaultMeasurementSettings,
      defaults: defaultMeasurementSettings,
      supervision: { coSignBeforeMiddle: false },
      supervisionDefaults: { coSignBeforeMiddle: false },
      service: { timeZone: "Europe/London" },
      serviceDefaults: { timeZone: "Europe/London" },
      safety: { escalateAfterDays: 7 },
      safetyDefaults: { escalateAfterDays: 7 },
      questionnaires: defaultQuestionnaireSettings,
      questionnairesDefaults: defaultQuestionnaireSettings,
      questionnaireSending: { automatic: false, hoursBefore: 48, reminderAfterHours: 24 },
      questionnaireSendingDefaults: defaultQuestionnaireSendingSettings,
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
    expect(body.settings.measureEverySessions).toBe(4);
    expect(await prisma.organisationSettings.count()).toBe(0);
    const rows = await auditRows(prisma, { action: "settings.viewed" });
    expect(rows.map((row) => [row.actorId, row.entityType, row.entityId])).toEqual([
      [admin.id, "organisation_settings", "1"],
    ]);
  });

  it("bad input answers 400 naming each field, and changes nothing", async () => {
    const cases: [object, string[]][] = [
      [
        {
          version: 0,
          settings: { ...defaultMeasurementSettings, measureEverySessions: 0 },
          supervision,
          service,
          safety,
        },
        ["body.settings.measureEverySessions"],
      ],
      [
        {
          version: 0,
          settings: { ...defaultMeasurementSettings, measureEverySessions: 2.5 },
          supervision,
          service,
          safety,
        },
        ["body.settings.measureEverySessions"],
      ],
      [
        {
          version: 0,
          settings: {
            ...defaultMeasurementSettings,
            earlyReviewMinReductionPercent: 101,
            noShowsInARow: "2",
          },
          supervision,
          service,
          safety,
        },
        ["body.settings.earlyReviewMinReductionPercent", "body.settings.noShowsInARow"],
      ],
      [
        {
          version: 0,
          settings: { ...defaultMeasurementSettings, deteriorationPhq9Points: undefined },
          supervision,
          service,
          safety,
        },
        ["body.settings.deteriorationPhq9Points"],
      ],
      [{ version: -1, settings: defaultMeasurementSettings, supervision, service, safety }, ["body.version"]],
      [{ settings: defaultMeasurementSettings, supervision, service, safety }, ["body.version"]],
      [
        {
          version: 0,
          settings: defaultMeasurementSettings,
          supervision: { coSignBeforeMiddle: "yes" },
          service,
          safety,
        },
        ["body.supervision.coSignBeforeMiddle"],
      ],
      [
        { version: 0, settings: defaultMeasurementSettings, supervision: {}, service, safety },
        ["body.supervision.coSignBeforeMiddle"],
      ],
      [{ version: 0, settings: defaultMeasurementSettings, service, safety }, ["body.supervision"]],
      [{ version: 0, settings: defaultMeasurementSettings, supervision, safety }, ["body.service"]],
      [{ version: 0, settings: defaultMeasurementSettings, supervision, service }, ["body.safety"]],
      [
        {
          version: 0,
          settings: defaultMeasurementSettings,
          supervision,
          service: { timeZone: "Mars/Olympus" },
          safety,
        },
        ["body.service.timeZone"],
      ],
      [
        {
          version: 0,
          settings: defaultMeasurementSettings,
          supervision,
          service: { timeZone: "+05:00" },
          safety,
        },
        ["body.service.timeZone"],
      ],
      [
        { version: 0, settings: defaultMeasurementSettings, supervision, service: { timeZone: "" }, safety },
        ["body.service.timeZone"],
      ],
    ];
    for (const [payload, fields] of cases) {
      const error = expectApiError(await admin.put(URL, payload), 400, "validation_failed");
      expect(fieldNames(error), JSON.stringify(payload)).toEqual(fields);
    }
    expect(await prisma.organisationSettings.count()).toBe(0);
    expect(await auditRows(prisma, { action: "settings.updated" })).toHaveLength(0);
  });

  it("the first save creates version 1, names who saved it, and audits the changed field names", async () => {
    const body = ok(
      await save(0, { measureEverySessions: 1, noShowsInARow: 3 }),
      measurementSettingsResponse,
    );
    expect(body.version).toBe(1);
    expect(body.settings).toEqual({
      ...defaultMeasurementSettings,
      measureEverySessions: 1,
      noShowsInARow: 3,
    });
    expect(body.defaults).toEqual(defaultMeasurementSettings);
    expect(body.supervision).toEqual(defaultSupervisionSettings);
    expect(body.updatedBy).toEqual({ id: admin.id, name: admin.name, email: admin.email });
    expect(Date.parse(body.updatedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await read()).toMatchObject({ version: 1, settings: body.settings });

    const rows = await auditRows(prisma, { action: "settings.updated" });
    expect(rows.map((row) => [row.actorId, row.entityId, row.details])).toEqual([
      [admin.id, "1", { fields: ["measureEverySessions", "noShowsInARow"] }],
    ]);
  });

  it("a save against an old version (or a second first save) answers 409 and changes nothing", async () => {
    const before = await prisma.organisationSettings.findUniqueOrThrow({ where: { id: 1 } });
    for (const version of [0, 2, 7]) {
      expectApiError(await save(version, { measureEverySessions: 2 }), 409, "conflict");
    }
    expect(await prisma.organisationSettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before);
    expect(await auditRows(prisma, { action: "settings.updated" })).toHaveLength(1);
  });

  it("two admins saving the same version at once: one wins, the other gets 409", async () => {
    const other = await signedInAs(app, prisma, "admin");
    const { version } = await read();
    const body = (who: typeof admin, every: number) =>
      who.put(URL, {
        version,
        settings: { ...defaultMeasurementSettings, measureEverySessions: every },
        supervision,
        service,
        safety,
      });
    const answers = await Promise.all([body(admin, 2), body(other, 3)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.statusCode === 200)!;
    const saved = await read();
    expect(saved.version).toBe(version + 1);
    expect(saved.settings).toEqual(measurementSettingsResponse.parse(winner.json()).settings);
  });

  it("saving the defaults back records only the fields that changed", async () => {
    const current = await read();
    const body = ok(
      await admin.put(URL, {
        version: current.version,
        settings: defaultMeasurementSettings,
        supervision,
        service,
        safety,
      }),
      measurementSettingsResponse,
    );
    expect(body.settings).toEqual(defaultMeasurementSettings);
    const last = (await auditRows(prisma, { action: "settings.updated" })).at(-1)!;
    // The winner above saved measureEverySessions 2 or 3 with every other field at its default.
    expect(last.details).toEqual({ fields: ["measureEverySessions"] });
  });

  it("the supervision setting is saved with the measurement settings, audited by name, and versioned", async () => {
    const current = await read();
    const body = ok(
      await save(current.version, current.settings, { coSignBeforeMiddle: true }),
      measurementSettingsResponse,
    );
    expect(body).toMatchObject({
      version: current.version + 1,
      settings: current.settings,
      supervision: { coSignBeforeMiddle: true },
      supervisionDefaults: defaultSupervisionSettings,
    });
    expect(await read()).toMatchObject({ supervision: { coSignBeforeMiddle: true } });
    const last = (await auditRows(prisma, { action: "settings.updated" })).at(-1)!;
    expect(last.details).toEqual({ fields: ["supervision.coSignBeforeMiddle"] });

    // A save against the version before is refused and changes nothing.
    expectApiError(await save(current.version, current.settings), 409, "conflict");
    expect((await read()).supervision).toEqual({ coSignBeforeMiddle: true });

    ok(await save(body.version, current.settings), measurementSettingsResponse);
    expect((await read()).supervision).toEqual(defaultSupervisionSettings);
  });

  it("the safety setting is saved with the others, audited by name, and refused out of range naming the field", async () => {
    const current = await read();
    for (const escalateAfterDays of [0, 91, 2.5]) {
      const error = expectApiError(
        await save(current.version, current.settings, current.supervision, current.service, {
          escalateAfterDays,
        }),
        400,
        "validation_failed",
      );
      expect(fieldNames(error)).toEqual(["body.safety.escalateAfterDays"]);
    }
    expect((await read()).version).toBe(current.version);
    const body = ok(
      await save(current.version, current.settings, current.supervision, current.service, {
        escalateAfterDays: 14,
      }),
      measurementSettingsResponse,
    );
    expect(body).toMatchObject({ safety: { escalateAfterDays: 14 }, safetyDefaults: defaultSafetySettings });
    const last = (await auditRows(prisma, { action: "settings.updated" })).at(-1)!;
    expect(last.details).toEqual({ fields: ["safety.escalateAfterDays"] });
    ok(
      await save(body.version, current.settings, current.supervision, current.service),
      measurementSettingsResponse,
    );
  });

  it("the service's time zone is saved in its canonical spelling, audited by name, and read by every user", async () => {
    const current = await read();
    const body = ok(
      await save(current.version, current.settings, current.supervision, { timeZone: "australia/sydney" }),
      measurementSettingsResponse,
    );
    expect(body).toMatchObject({
      version: current.version + 1,
      service: { timeZone: "Australia/Sydney" },
      serviceDefaults: { timeZone: "Europe/London" },
    });
    const last = (await auditRows(prisma, { action: "settings.updated" })).at(-1)!;
    expect(last.details).toEqual({ fields: ["service.timeZone"] });
    // Every signed-in user learns the zone with their session, to work out "today" in it.
    const therapist = await signedInAs(app, prisma, "therapist");
    expect((await therapist.get("/api/auth/session")).json()).toMatchObject({ timeZone: "Australia/Sydney" });

    // A zone the runtime no longer knows (saved under older time-zone data) reads as the default.
    await prisma.organisationSettings.update({ where: { id: 1 }, data: { timeZone: "Mars/Olympus" } });
    expect((await read()).service).toEqual(defaultServiceSettings);
    ok(await save(body.version, current.settings, current.supervision), measurementSettingsResponse);
    expect((await therapist.get("/api/auth/session")).json()).toMatchObject({ timeZone: "Europe/London" });
  });

  it("a row saved before the supervision settings existed reads them as the defaults", async () => {
    const before = await prisma.organisationSettings.findUniqueOrThrow({ where: { id: 1 } });
    await prisma.organisationSettings.update({ where: { id: 1 }, data: { supervision: {} } });
    expect((await read()).supervision).toEqual(defaultSupervisionSettings);
    await prisma.organisationSettings.update({
      where: { id: 1 },
      data: { supervision: { coSignBeforeMiddle: "maybe" } },
    });
    expect((await read()).supervision).toEqual(defaultSupervisionSettings);
    await prisma.organisationSettings.update({
      where: { id: 1 },
      data: { supervision: before.supervision ?? {}, version: before.version },
    });
  });

  it.each(["therapist", "supervisor"] as const)(
    "a %s is refused with 403 and changes nothing",
    async (role) => {
      const other = await signedInAs(app, prisma, role);
      const before = await prisma.organisationSettings.findUniqueOrThrow({ where: { id: 1 } });
      expectApiError(await other.get(URL), 403, "forbidden");
      const { version } = await read();
      expectApiError(
        await other.put(URL, { version, settings: defaultMeasurementSettings, supervision, service, safety }),
        403,
        "forbidden",
      );
      expect(await prisma.organisationSettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before);
      expect(
        await prisma.auditEvent.count({ where: { actorId: other.id, action: { startsWith: "settings." } } }),
      ).toBe(0);
    },
  );
});

describe("the settings in use", () => {
  it("a saved cadence changes the computed schedule and alerts at once", async () => {
    const { therapist, course } = await therapistWithCourse(app, prisma, { phase: "middle" });
    const first = await heldSession(therapist, course, 1);
    await recordPhq9(therapist, course.id, first.id, 14);
    await recordGad7(therapist, course.id, first.id, 10);
    await heldSession(therapist, course, 2);
    const codes = async () => (await measuresOf(therapist, course.id)).flags.map((flag) => flag.code);

    // Every 4 sessions: nothing is due at session 2.
    ok(await save((await read()).version, {}), measurementSettingsResponse);
    expect(await codes()).not.toContain("measures_overdue");

    ok(await save((await read()).version, { measureEverySessions: 1 }), measurementSettingsResponse);
    const weekly = await measuresOf(therapist, course.id);
    expect(weekly.settings.measureEverySessions).toBe(1);
    expect(weekly.schedule.find((point) => point.sessionNumber === 2)).toMatchObject({
      reasons: ["every_session"],
      phq9: "overdue",
      gad7: "overdue",
    });
    expect(weekly.flags.find((flag) => flag.code === "measures_overdue")).toMatchObject({
      severity: "amber",
    });

    ok(await save((await read()).version, {}), measurementSettingsResponse);
    expect(await codes()).not.toContain("measures_overdue");
  });
});

describe("questionnaire settings", () => {
  it("are saved with the others, audited by field name, kept when a save leaves them out, and refused by field when bad", async () => {
    const before = await read();
    const questionnaires = {
      ...defaultQuestionnaireSettings,
      serviceName: "Riverside Talking Therapies",
      identityCheck: true,
    };
    const saved = ok(
      await admin.put(URL, {
        version: before.version,
        settings: before.settings,
        supervision: before.supervision,
        service: before.service,
        safety: before.safety,
        questionnaires,
      }),
      measurementSettingsResponse,
    );
    expect(saved.questionnaires).toEqual(questionnaires);
    const [event] = (await auditRows(prisma, { action: "settings.updated" })).slice(-1);
    expect(event?.details).toEqual({
      fields: ["questionnaires.serviceName", "questionnaires.identityCheck"],
    });

    // An older client that does not know the group leaves it as it is.
    const kept = ok(
      await save(saved.version, saved.settings, saved.supervision, saved.service, saved.safety),
      measurementSettingsResponse,
    );
    expect(kept.questionnaires).toEqual(questionnaires);

    const bad = expectApiError(
      await admin.put(URL, {
        version: kept.version,
        settings: kept.settings,
        supervision: kept.supervision,
        service: kept.service,
        safety: kept.safety,
        questionnaires: { ...questionnaires, linkLifetimeHours: 0, crisisText: " " },
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(bad)).toEqual([
      "body.questionnaires.crisisText",
      "body.questionnaires.linkLifetimeHours",
    ]);
    expect((await read()).version).toBe(kept.version);
  });
});

describe("automatic-sending settings", () => {
  it("are off by default, saved as their own group, audited by field name, kept when left out, refused by field", async () => {
    const before = await read();
    expect(before.questionnaireSending.automatic).toBe(false);
    const questionnaireSending = { automatic: true, hoursBefore: 24, reminderAfterHours: 12 };
    const saved = ok(
      await admin.put(URL, {
        version: before.version,
        settings: before.settings,
        supervision: before.supervision,
        service: before.service,
        safety: before.safety,
        questionnaireSending,
      }),
      measurementSettingsResponse,
    );
    expect(saved.questionnaireSending).toEqual(questionnaireSending);
    expect(saved.questionnaires).toEqual(before.questionnaires);
    const [event] = (await auditRows(prisma, { action: "settings.updated" })).slice(-1);
    expect(event?.details).toEqual({
      fields: [
        "questionnaireSending.automatic",
        "questionnaireSending.hoursBefore",
        "questionnaireSending.reminderAfterHours",
      ],
    });
    const kept = ok(
      await save(saved.version, saved.settings, saved.supervision, saved.service, saved.safety),
      measurementSettingsResponse,
    );
    expect(kept.questionnaireSending).toEqual(questionnaireSending);
    const bad = expectApiError(
      await admin.put(URL, {
        version: kept.version,
        settings: kept.settings,
        supervision: kept.supervision,
        service: kept.service,
        safety: kept.safety,
        questionnaireSending: { ...questionnaireSending, hoursBefore: 0, reminderAfterHours: 1.5, extra: 1 },
      }),
      400,
      "validation_failed",
    );
    expect(fieldNames(bad)).toEqual([
      "body.questionnaireSending",
      "body.questionnaireSending.hoursBefore",
      "body.questionnaireSending.reminderAfterHours",
    ]);
    expect((await read()).version).toBe(kept.version);
  });
});

describe("the crisis steps shown on a red flag", () => {
  it("are the service's saved crisis text (what the client's crisis page shows), for every signed-in role", async () => {
    const before = await read();
    const crisisText = "Invented: call 999 in an emergency.\nOur duty line: 0100 000 000 (invented).";
    ok(
      await admin.put(URL, {
        version: before.version,
        settings: before.settings,
        supervision: before.supervision,
        service: before.service,
        safety: before.safety,
        questionnaires: { ...before.questionnaires, crisisText },
      }),
      measurementSettingsResponse,
    );
    for (const role of ["therapist", "supervisor", "admin"] as const) {
      const who = await signedInAs(app, prisma, role);
      expect(ok(await who.get("/api/safety/crisis-steps"), crisisStepsResponse)).toEqual({
        crisisSteps: crisisText,
      });
    }
  });
});
