// The organisation's settings, for admins: the measurement, supervision, safety, service, questionnaire and
// automatic-sending settings, read (with the documented defaults beside them) and saved together with
// optimistic concurrency. Version 0 means the defaults have never been saved: the first save creates the
// one row (id 1); later saves must name the version they read.
import { isDeepStrictEqual } from "node:util";
import {
  canonicalTimeZone,
  defaultMeasurementSettings,
  defaultQuestionnaireSendingSettings,
  defaultQuestionnaireSettings,
  defaultSafetySettings,
  defaultServiceSettings,
  defaultSupervisionSettings,
  type MeasurementSettingsResponse,
  type UpdateMeasurementSettingsRequest,
} from "@ipt/shared";
import { recordAudit, type AuditContext } from "../audit/audit-log";
import type { Db } from "../db/prisma";
import {
  getMeasurementSettings,
  SETTINGS_ROW_ID,
  type StoredMeasurementSettings,
} from "../clinical/measures/settings-read";
import { Prisma, type PrismaClient } from "../db/prisma";
import { conflict } from "../errors/app-error";
import { refreshAllCourseSummaries } from "../supervision/course-summary";

const ENTITY = { entityType: "organisation_settings", entityId: String(SETTINGS_ROW_ID) } as const;
const stale = () =>
  conflict(
    "The settings have changed since you opened them (perhaps in another tab). Reload them, check the changes, and try again.",
  );

async function toResponse(db: Db, stored: StoredMeasurementSettings): Promise<MeasurementSettingsResponse> {
  const updatedBy = stored.updatedById
    ? await db.user.findUnique({
        where: { id: stored.updatedById },
        select: { id: true, name: true, email: true },
      })
    : null;
  return {
    settings: stored.settings,
    defaults: defaultMeasurementSettings,
    supervision: stored.supervision,
    supervisionDefaults: defaultSupervisionSettings,
    safety: stored.safety,
    safetyDefaults: defaultSafetySettings,
    service: stored.service,
    serviceDefaults: defaultServiceSettings,
    questionnaires: stored.questionnaires,
    questionnairesDefaults: defaultQuestionnaireSettings,
    questionnaireSending: stored.questionnaireSending,
    questionnaireSendingDefaults: defaultQuestionnaireSendingSettings,
    version: stored.version,
    updatedAt: stored.updatedAt?.toISOString() ?? null,
    updatedBy,
  };
}

export async function getSettings(prisma: PrismaClient, audit: AuditContext) {
  const stored = await getMeasurementSettings(prisma);
  await recordAudit(prisma, audit, { action: "settings.viewed", ...ENTITY });
  return toResponse(prisma, stored);
}

/** The keys whose values differ, the others as `<group>.<key>`: the audit row names them. */
function changedKeys(before: StoredMeasurementSettings, after: UpdateMeasurementSettingsRequest) {
  const differing = <T extends object>(was: T, now: T) =>
    (Object.keys(now) as (keyof T & string)[]).filter((key) => was[key] !== now[key]);
  return [
    ...differing(before.settings, after.settings),
    ...differing(before.supervision, after.supervision).map((key) => `supervision.${key}`),
    ...differing(before.safety, after.safety).map((key) => `safety.${key}`),
    ...differing(before.service, after.service).map((key) => `service.${key}`),
    ...(after.questionnaires
      ? differing(before.questionnaires, after.questionnaires).map((key) => `questionnaires.${key}`)
      : []),
    ...(after.questionnaireSending
      ? differing(before.questionnaireSending, after.questionnaireSending).map(
          (key) => `questionnaireSending.${key}`,
        )
      : []),
  ];
}

export async function updateSettings(
  prisma: PrismaClient,
  audit: AuditContext,
  request: UpdateMeasurementSettingsRequest,
): Promise<MeasurementSettingsResponse> {
  // Stored in the runtime's own spelling ("australia/sydney" → "Australia/Sydney"); the schema has
  // already refused names that are not zones.
  const service = { timeZone: canonicalTimeZone(request.service.timeZone) ?? request.service.timeZone };
  try {
    return await prisma.$transaction(
      async (tx) => {
        const before = await getMeasurementSettings(tx);
        if (before.version !== request.version) throw stale();
        const data = {
          measurement: request.settings,
          supervision: request.supervision,
          safety: request.safety,
          // Left out of the request, the stored questionnaire settings stay as they are.
          ...(request.questionnaires ? { questionnaires: request.questionnaires } : {}),
          ...(request.questionnaireSending ? { questionnaireSending: request.questionnaireSending } : {}),
          timeZone: service.timeZone,
          updatedById: audit.actorId,
        };
        if (request.version === 0) {
          // Two first saves at once: the second hits the primary key (P2002) and answers 409 below.
          await tx.organisationSettings.create({ data: { id: SETTINGS_ROW_ID, ...data, version: 1 } });
        } else {
          const { count } = await tx.organisationSettings.updateMany({
            where: { id: SETTINGS_ROW_ID, version: request.version },
            data: { ...data, version: { increment: 1 } },
          });
          if (count === 0) throw stale();
        }
        // The course summaries' flags follow the measurement thresholds: a change recomputes them all.
        if (!isDeepStrictEqual(before.settings, (await getMeasurementSettings(tx)).settings)) {
          await refreshAllCourseSummaries(tx);
        }
        await recordAudit(tx, audit, {
          action: "settings.updated",
          ...ENTITY,
          details: { fields: changedKeys(before, { ...request, service }) },
        });
        return toResponse(tx, await getMeasurementSettings(tx));
        // A threshold change recomputes every course's summary: more than the default 5 s on a large service.
      },
      { timeout: 600_000 },
    );
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw stale();
    }
    throw error;
  }
}
