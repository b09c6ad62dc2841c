// Supervisors' co-signatures and risk-flag acknowledgements through a FHIR import, on real PostgreSQL
// (docs/decisions/018): given at the exporting instance, they come back as its history — by the
// reference the Bundle gave, shown "Imported: <reference>" with their time, never credited to a local
// user — and the local gates count them for what they were given on (the co-signed content as it
// stands, the escalations due when the flag was acknowledged); anything new needs a local supervisor.
// An acknowledgement or co-signature without a user identifier of ours is refused at its path.
import {
  courseCoSignsResponse,
  endpointPath,
  endpoints,
  fhirImportResponse,
  importedAuthorName,
  measurementSettingsResponse,
  riskFlagDetail,
  supervisionRiskFlagsResponse,
} from "@ipt/shared";
import type { Bundle, Flag, Provenance } from "@medplum/fhirtypes";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../../test/helpers/app";
import { asCourse, courseFor, ok, signedInAs, type Clinician } from "../../test/helpers/clinical";
import {
  followedUp,
  followUpBody,
  heldSession,
  measuresOf,
  recordPhq9,
  supervisorOf,
} from "../../test/helpers/measures";
import { demoActor } from "../seed/demo-accounts";
import { exportCourse } from "./export-service";

const source = await createTestApp();
const target = await createTestApp();
const admin = await signedInAs(target.app, target.prisma, "admin");
const IMPORT = endpointPath(endpoints.fhir.importCourse);

const coSign = async (who: Clinician, courseId: string, target: "formulation" | "plan") =>
  who.post(endpointPath(endpoints.review.coSign, { courseId }), { target });
const coSignsOf = async (who: Clinician, courseId: string) =>
  ok(await who.get(endpointPath(endpoints.review.coSigns, { courseId })), courseCoSignsResponse);
const acknowledge = (who: Clinician, riskFlagId: string) =>
  who.post(endpointPath(endpoints.supervision.acknowledgeRiskFlag, { riskFlagId }), {});
const resolve = (who: Clinician, riskFlagId: string, version: number) =>
  who.post(endpointPath(endpoints.measures.resolveRiskFlag, { riskFlagId }), {
    version,
    reason: "Invented: reviewed with the client.",
  });

/** Turns "co-sign before the middle phase" on at the receiving instance. */
async function requireCoSign() {
  const settingsUrl = "/api/admin/settings/measurement";
  const current = ok(await admin.get(settingsUrl), measurementSettingsResponse);
  ok(
    await admin.put(settingsUrl, {
      version: current.version,
      settings: current.settings,
      supervision: { coSignBeforeMiddle: true },
      service: current.service,
      safety: current.safety,
    }),
    measurementSettingsResponse,
  );
}

/** At the exporting instance: a ready course, its formulation and plan co-signed, a held session with a
 *  PHQ-9 raising a flag whose high-risk follow-up escalated it, acknowledged by the supervisor. */
async function signedCourse() {
  const therapist = await signedInAs(source.app, source.prisma);
  const course = await courseFor(therapist, { phase: "ready" });
  const { supervisor } = await supervisorOf(source.app, source.prisma, therapist);
  expect((await coSign(supervisor, course.id, "formulation")).statusCode).toBe(201);
  expect((await coSign(supervisor, course.id, "plan")).statusCode).toBe(201);
  const session = await heldSession(therapist, course, 1);
  const score = await recordPhq9(therapist, course.id, session.id, 12, 2);
  const flagId = score.riskFlag?.id ?? "";
  await followedUp(
    therapist,
    flagId,
    followUpBody({ riskLevel: "high", supervisorInformed: true, supervisorId: supervisor.id }),
  );
  const acknowledged = await acknowledge(supervisor, flagId);
  expect(acknowledged.statusCode, acknowledged.body).toBe(200);
  const bundle = (await exportCourse(
    source.prisma,
    demoActor(therapist.id, "therapist"),
    course.id,
    {},
  )) as Bundle;
  return { bundle, supervisor };
}

const entryIndex = (
  bundle: Bundle,
  match: (resource: NonNullable<Bundle["entry"]>[number]["resource"]) => boolean,
) => (bundle.entry ?? []).findIndex((entry) => match(entry.resource));

describe("FHIR import of co-signatures and acknowledgements", () => {
  it("keeps them as the exporting instance's history, counted by the local gates for what they were given on", async () => {
    const { bundle, supervisor: signer } = await signedCourse();
    const external = { id: null, name: importedAuthorName(signer.id), email: "", external: signer.id };
    await requireCoSign();
    const therapist = await signedInAs(target.app, target.prisma);
    const imported = ok(
      await admin.post(IMPORT, { therapistId: therapist.id, bundle }),
      fhirImportResponse,
      201,
    );
    const courseId = imported.courseId;

    // No local user is credited: the rows name the signer by reference only.
    const rows = await target.prisma.coSignature.findMany({
      where: { courseId },
      select: { supervisorId: true, supervisorExternal: true, target: true },
    });
    expect(rows.map((r) => r.target).sort()).toEqual(["formulation", "plan"]);
    expect(rows.every((r) => r.supervisorId === null && r.supervisorExternal === signer.id)).toBe(true);
    const flagRow = await target.prisma.riskFlag.findFirstOrThrow({
      where: { courseId },
      select: { id: true, acknowledgedById: true, acknowledgedByExternal: true, acknowledgedAt: true },
    });
    expect(flagRow).toMatchObject({ acknowledgedById: null, acknowledgedByExternal: signer.id });
    expect(flagRow.acknowledgedAt).not.toBeNull();
    // The supervisor the follow-up named as informed, by the same reference.
    expect(
      await target.prisma.safetyFollowUp.findMany({
        where: { riskFlagId: flagRow.id },
        select: { supervisorId: true, supervisorExternal: true, supervisorInformed: true },
      }),
    ).toEqual([{ supervisorId: null, supervisorExternal: signer.id, supervisorInformed: true }]);

    // The co-sign view shows them with their time; the content as it stands is covered by them, so the
    // middle-phase gate (on here) has no co-signature gap, and a local supervisor has nothing to re-sign.
    const coSigns = await coSignsOf(therapist, courseId);
    expect([coSigns.formulation.state, coSigns.plan.state]).toEqual(["cosigned", "cosigned"]);
    expect(coSigns.formulation.latest?.supervisor).toEqual(external);
    expect(coSigns.plan.latest?.createdAt).toEqual(expect.any(String));
    const detail = asCourse(await therapist.get(`/api/courses/${courseId}`));
    expect(detail.initialPhaseGaps.map((gap) => gap.item)).not.toContain("formulation_cosign");
    expect(detail.initialPhaseGaps.map((gap) => gap.item)).not.toContain("plan_cosign");
    const { supervisor } = await supervisorOf(target.app, target.prisma, therapist);
    expect((await coSign(supervisor, courseId, "plan")).statusCode).toBe(409);

    // The therapist and the local supervisor see who acknowledged the flag, and when; the flag's
    // escalation is acknowledged, so nothing awaits the local supervisor.
    const flag = (await measuresOf(therapist, courseId)).riskFlags[0];
    expect(flag?.escalation.acknowledgedBy).toEqual(external);
    expect(flag?.followUps[0]?.supervisor).toEqual(external);
    expect(flag?.escalation.acknowledgedAt).toBe(flagRow.acknowledgedAt?.toISOString());
    expect(flag?.escalation.awaitingAcknowledgement).toBe(false);
    const listed = ok(
      await supervisor.get(endpointPath(endpoints.supervision.riskFlags)),
      supervisionRiskFlagsResponse,
    );
    expect(listed.items.find((item) => item.riskFlagId === flagRow.id)?.escalation.acknowledgedBy).toEqual(
      external,
    );
    expect(listed.awaitingAcknowledgement).toBe(0);

    // A new escalation here needs a local supervisor: resolving is refused until one acknowledges, and
    // that acknowledgement is theirs (the imported one is replaced as the flag's latest).
    const again = await followedUp(therapist, flagRow.id, followUpBody({ riskLevel: "high" }));
    expect(again.escalation.awaitingAcknowledgement).toBe(true);
    expect((await resolve(therapist, flagRow.id, again.version)).statusCode).toBe(422);
    const local = await acknowledge(supervisor, flagRow.id);
    expect(local.statusCode, local.body).toBe(200);
    expect(
      await target.prisma.riskFlag.findUniqueOrThrow({
        where: { id: flagRow.id },
        select: { acknowledgedById: true, acknowledgedByExternal: true },
      }),
    ).toEqual({ acknowledgedById: supervisor.id, acknowledgedByExternal: null });
    const current = (await measuresOf(therapist, courseId)).riskFlags[0];
    ok(await resolve(therapist, flagRow.id, current?.version ?? 0), riskFlagDetail);
  });

  it("keeps an imported co-signature of a session with amendments covering it: amendments count by content, not by their ids", async () => {
    const therapist = await signedInAs(source.app, source.prisma);
    const course = await courseFor(therapist, { phase: "ready" });
    const { supervisor } = await supervisorOf(source.app, source.prisma, therapist);
    const held = await heldSession(therapist, course, 1);
    expect(
      (await therapist.post(`/api/sessions/${held.id}/sign`, { version: held.version })).statusCode,
    ).toBe(200);
    const amended = await therapist.post(`/api/sessions/${held.id}/amendments`, {
      reason: "Invented: supervisor asked for detail.",
      text: "Invented: the argument was about the move.",
    });
    expect(amended.statusCode, amended.body).toBe(201);
    const signed = await supervisor.post(endpointPath(endpoints.review.coSign, { courseId: course.id }), {
      target: "session",
      sessionId: held.id,
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const bundle = (await exportCourse(
      source.prisma,
      demoActor(therapist.id, "therapist"),
      course.id,
      {},
    )) as Bundle;

    const receiver = await signedInAs(target.app, target.prisma);
    const { courseId } = ok(
      await admin.post(IMPORT, { therapistId: receiver.id, bundle }),
      fhirImportResponse,
      201,
    );
    const [session] = (await coSignsOf(receiver, courseId)).sessions;
    expect(session).toMatchObject({ sessionNumber: 1, state: "cosigned" });
    expect(session?.latest?.supervisor.external).toBe(supervisor.id);
    // The amendment came back with a new id, and a local one afterwards changes the content.
    const amendments = await target.prisma.sessionAmendment.count({
      where: { session: { courseId } },
    });
    expect(amendments).toBe(1);
    const local = await receiver.post(`/api/sessions/${session?.sessionId ?? ""}/amendments`, {
      reason: "Invented: later detail.",
      text: "Invented: added here.",
    });
    expect(local.statusCode, local.body).toBe(201);
    expect((await coSignsOf(receiver, courseId)).sessions[0]?.state).toBe("changed_since");
  });

  it("is kept by the database to one signer per co-signature, and an external acknowledger only with a time", async () => {
    const { bundle } = await signedCourse();
    const therapist = await signedInAs(target.app, target.prisma);
    const { courseId } = ok(
      await admin.post(IMPORT, { therapistId: therapist.id, bundle }),
      fhirImportResponse,
      201,
    );
    await expect(
      target.prisma.coSignature.create({
        data: { courseId, target: "plan", supervisorId: null, supervisorExternal: null, fingerprint: "x" },
      }),
    ).rejects.toThrow(/cosignatures_one_supervisor/);
    await expect(
      target.prisma.coSignature.create({
        data: {
          courseId,
          target: "plan",
          supervisorId: therapist.id,
          supervisorExternal: "x",
          fingerprint: "x",
        },
      }),
    ).rejects.toThrow(/cosignatures_one_supervisor/);
    const flag = await target.prisma.riskFlag.findFirstOrThrow({ where: { courseId }, select: { id: true } });
    await expect(
      target.prisma.riskFlag.update({ where: { id: flag.id }, data: { acknowledgedAt: null } }),
    ).rejects.toThrow(/risk_flags_one_acknowledger/);
    await expect(
      target.prisma.riskFlag.update({ where: { id: flag.id }, data: { acknowledgedById: therapist.id } }),
    ).rejects.toThrow(/risk_flags_one_acknowledger/);
    const followUp = {
      riskFlagId: flag.id,
      recordedById: therapist.id,
      riskLevel: "low" as const,
      actionsTaken: "Invented.",
      safetyPlan: "reviewed" as const,
      followedUpAt: new Date(),
    };
    await expect(
      target.prisma.safetyFollowUp.create({
        data: { ...followUp, supervisorInformed: false, supervisorExternal: "x" },
      }),
    ).rejects.toThrow(/safety_follow_ups_one_supervisor/);
    await expect(
      target.prisma.safetyFollowUp.create({
        data: { ...followUp, supervisorInformed: true, supervisorId: therapist.id, supervisorExternal: "x" },
      }),
    ).rejects.toThrow(/safety_follow_ups_one_supervisor/);
  });

  it("refuses a co-signature or acknowledgement without a user identifier of ours, naming each path, and writes nothing", async () => {
    const { bundle } = await signedCourse();
    const coSignIndex = entryIndex(
      bundle,
      (r) =>
        r?.resourceType === "Provenance" &&
        r.extension?.some((e) => e.valueString === "co-signature") === true,
    );
    const flagIndex = entryIndex(bundle, (r) => r?.resourceType === "Flag");
    const broken = structuredClone(bundle);
    const provenance = broken.entry?.[coSignIndex]?.resource as Provenance;
    const flag = broken.entry?.[flagIndex]?.resource as Flag;
    const agent = provenance.agent[0];
    if (!agent) throw new Error("shape");
    agent.who = { display: "Someone" };
    const byIndex = flag.extension?.findIndex((e) => e.url.endsWith("/acknowledged-by")) ?? -1;
    const by = flag.extension?.[byIndex];
    if (!by) throw new Error("shape");
    by.valueString = "not an identifier!";
    const followUpIndex = flag.extension?.findIndex((e) => e.url.endsWith("/safety-follow-up")) ?? -1;
    const parts = flag.extension?.[followUpIndex]?.extension ?? [];
    const namedIndex = parts.findIndex((part) => part.url === "supervisor");
    const named = parts[namedIndex];
    if (!named) throw new Error("shape");
    named.valueString = "not an identifier either!";

    const therapist = await signedInAs(target.app, target.prisma);
    const before = await Promise.all([target.prisma.course.count(), target.prisma.coSignature.count()]);
    const response = await admin.post(IMPORT, { therapistId: therapist.id, bundle: broken });
    expect(response.statusCode, response.body).toBe(400);
    const fields = response.json<{ error: { fields: { field: string }[] } }>().error.fields;
    expect(fields.map((f) => f.field).sort()).toEqual(
      [
        `bundle.entry[${String(flagIndex)}].resource.extension[${String(byIndex)}].valueString`,
        `bundle.entry[${String(flagIndex)}].resource.extension[${String(followUpIndex)}].extension[${String(namedIndex)}].valueString`,
        `bundle.entry[${String(coSignIndex)}].resource.agent[0].who`,
      ].sort(),
    );

    // The acknowledger missing altogether (its time still there): refused at the Flag's extensions.
    const missing = structuredClone(bundle);
    const missingFlag = missing.entry?.[flagIndex]?.resource as Flag;
    missingFlag.extension = missingFlag.extension?.filter((e) => !e.url.endsWith("/acknowledged-by"));
    const refused = await admin.post(IMPORT, { therapistId: therapist.id, bundle: missing });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(
      refused.json<{ error: { fields: { field: string }[] } }>().error.fields.map((f) => f.field),
    ).toEqual([`bundle.entry[${String(flagIndex)}].resource.extension`]);
    expect(await Promise.all([target.prisma.course.count(), target.prisma.coSignature.count()])).toEqual(
      before,
    );
  });
});
