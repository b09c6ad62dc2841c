// A Flag per risk flag (raised by a PHQ-9 item 9 answer above 0): active until resolved, with the
// score's panel Observation and the resolution and acknowledgement in extensions.
import { extensionUrl, FLAG_CATEGORY, iptCodeSystems } from "@ipt/shared";
import type { Flag } from "@medplum/fhirtypes";
import { complexExtension, extension, localCoding, ref } from "./extensions";
import type { ExportRiskFlag } from "./export-source";

export function flagOf(
  flag: ExportRiskFlag,
  urls: { patient: string; scorePanel: string; encounterOf: (sessionId: string) => string | null },
): Flag {
  const encounter = urls.encounterOf(flag.sessionId);
  return {
    resourceType: "Flag",
    extension: [
      ...extension("risk-flag-id", flag.id),
      ...extension("session-id", flag.sessionId),
      ...extension("score-id", flag.scoreId),
      ...extension("item-value", flag.itemValue),
      ...extension("resolved-by", flag.resolvedById),
      ...extension("resolution-reason", flag.resolutionReason),
      ...extension("acknowledged-at", flag.acknowledgedAt),
      // A local supervisor's id, or the reference an imported acknowledgement kept (docs/decisions/018).
      ...extension("acknowledged-by", flag.acknowledgedById ?? flag.acknowledgedByExternal),
      { url: extensionUrl("raised-by-observation"), valueReference: ref(urls.scorePanel) },
      // The human follow-ups (risk assessed, actions, safety plan), in order.
      ...flag.followUps.map((followUp) =>
        complexExtension("safety-follow-up", {
          riskLevel: followUp.riskLevel,
          actionsTaken: followUp.actionsTaken,
          safetyPlan: followUp.safetyPlan,
          supervisorInformed: followUp.supervisorInformed,
          // The supervisor named as informed, as a user identifier of the exporting instance (a local
          // user's id, or the reference an imported follow-up kept), as acknowledged-by.
          supervisor: followUp.supervisorId ?? followUp.supervisorExternal,
          followedUpAt: followUp.followedUpAt,
          createdAt: followUp.createdAt,
        }),
      ),
    ],
    status: flag.resolvedAt ? "inactive" : "active",
    category: [{ coding: [{ system: FLAG_CATEGORY, code: "clinical", display: "Clinical" }] }],
    code: {
      coding: [
        localCoding(
          iptCodeSystems.riskFlag,
          "phq9-item9-positive",
          "PHQ-9 item 9 answered above 0 (local code)",
        ),
      ],
      text: "Risk: PHQ-9 item 9 answered above 0",
    },
    subject: ref(urls.patient),
    period: {
      start: flag.raisedAt.toISOString(),
      ...(flag.resolvedAt ? { end: flag.resolvedAt.toISOString() } : {}),
    },
    ...(encounter ? { encounter: ref(encounter) } : {}),
  };
}
