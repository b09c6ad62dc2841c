// The way back for scores and risk flags: panel Observations with their QuestionnaireResponses, and
// Flags with their safety follow-ups, each checked against our code lists and the plan's sessions.
import {
  DIFFICULTY_LINK_ID,
  extensionUrl,
  difficultyAnswers,
  frequencyAnswers,
  instrumentCodes,
  instruments,
  itemLinkId,
  riskLevel,
  safetyPlanAction,
  TOTAL_LINK_ID,
  USER_SYSTEM,
} from "@ipt/shared";
import type { BundleEntry, Extension, Flag, Observation, QuestionnaireResponse } from "@medplum/fhirtypes";
import { z } from "zod";
import type { ImportedCourse } from "./bundle-reader";
import { dateOnly, ExtensionReader, located } from "./extension-reader";
import type { FhirProblem } from "./structure-validation";
import { userIdentifierOf } from "./supervision";

const instant = z.iso.datetime({ offset: true });

export function readScoresAndFlags(
  entries: BundleEntry[],
  sessionIds: Set<string>,
  problems: FhirProblem[],
): Pick<ImportedCourse, "scores" | "riskFlags"> {
  const responses = new Map(
    located<QuestionnaireResponse>(entries, "QuestionnaireResponse").map((r) => [
      new ExtensionReader(r.resource.extension, r.path, problems).string("score-id", true),
      r,
    ]),
  );
  const scores = located<Observation>(entries, "Observation").flatMap((panel) => {
    const ext = new ExtensionReader(panel.resource.extension, panel.path, problems);
    if (!panel.resource.hasMember) return []; // a member of a panel, read through its response
    const sourceId = ext.string("score-id", true);
    const sessionSourceId = ext.string("session-id", true);
    const instrument = instruments.find(
      (name) => instrumentCodes[name].panel.code === panel.resource.code.coding?.[0]?.code,
    );
    if (!instrument) {
      problems.push({
        path: `${panel.path}.code`,
        message: "The panel is not one of PHQ-9, GAD-7 or HAM-D-17.",
      });
      return [];
    }
    if (sessionSourceId && !sessionIds.has(sessionSourceId)) {
      problems.push({
        path: `${panel.path}.extension`,
        message: "The score names a session that is not in the plan.",
      });
    }
    const response = sourceId ? responses.get(sourceId) : undefined;
    if (!response) {
      problems.push({ path: panel.path, message: "The score's QuestionnaireResponse is missing." });
      return [];
    }
    const answers = response.resource.item ?? [];
    const answerOf = (linkId: string) => answers.find((item) => item.linkId === linkId)?.answer?.[0];
    const itemCount = instrument === "phq9" ? 9 : instrument === "gad7" ? 7 : 0;
    const items: number[] = [];
    for (let index = 0; index < itemCount; index++) {
      const code = answerOf(itemLinkId(instrument, index))?.valueCoding?.code;
      const value = frequencyAnswers.findIndex((answer) => answer.code === code);
      if (value < 0) {
        problems.push({
          path: `${response.path}.item`,
          message: `Item ${String(index + 1)} has no valid answer.`,
        });
      }
      items.push(value);
    }
    const total = answerOf(TOTAL_LINK_ID)?.valueInteger;
    if (typeof total !== "number")
      problems.push({ path: `${response.path}.item`, message: "The total is missing." });
    if (
      itemCount > 0 &&
      typeof total === "number" &&
      total !== items.reduce((sum, value) => sum + value, 0)
    ) {
      problems.push({ path: `${response.path}.item`, message: "The total is not the sum of the items." });
    }
    const difficultyCode = answerOf(DIFFICULTY_LINK_ID)?.valueCoding?.code;
    const difficulty =
      (Object.keys(difficultyAnswers) as (keyof typeof difficultyAnswers)[]).find(
        (level) => difficultyAnswers[level].code === difficultyCode,
      ) ?? null;
    if (difficultyCode && !difficulty)
      problems.push({ path: `${response.path}.item`, message: "The difficulty answer is not known." });
    const administeredOn = dateOnly(panel.resource.effectiveDateTime);
    if (
      !sourceId ||
      !sessionSourceId ||
      !administeredOn ||
      !panel.resource.issued ||
      typeof total !== "number"
    )
      return [];
    return [
      {
        sourceId,
        sessionSourceId,
        instrument,
        items,
        total,
        difficulty,
        administeredOn,
        correctsSourceId: ext.string("corrects-score-id"),
        correctionReason: ext.string("correction-reason"),
        completedByClientAt: ext.dateTime("completed-by-client-at"),
        enteredAt: panel.resource.issued,
      },
    ];
  });
  const scoreIds = new Set(scores.map((s) => s.sourceId));
  for (const score of scores) {
    if (score.correctsSourceId && !scoreIds.has(score.correctsSourceId)) {
      problems.push({ path: "entry", message: "A correction names a score that is not in the Bundle." });
    }
  }

  const riskFlags = located<Flag>(entries, "Flag").flatMap((flag) => {
    const ext = new ExtensionReader(flag.resource.extension, flag.path, problems);
    const sessionSourceId = ext.string("session-id", true);
    const scoreSourceId = ext.string("score-id", true);
    const itemValue = ext.integer("item-value", true);
    const raisedAt = flag.resource.period?.start;
    if (!raisedAt)
      problems.push({ path: `${flag.path}.period.start`, message: "When the flag was raised is missing." });
    if (scoreSourceId && !scoreIds.has(scoreSourceId)) {
      problems.push({
        path: `${flag.path}.extension`,
        message: "The flag names a score that is not in the Bundle.",
      });
    }
    // A supervisor's acknowledgement, given at the exporting instance: its time and the supervisor's user
    // identifier there, kept as the flag's external acknowledger (docs/decisions/018).
    const acknowledgedAt = ext.dateTime("acknowledged-at");
    const acknowledgedBy = ext.string("acknowledged-by");
    const byIndex = (flag.resource.extension ?? []).findIndex(
      (e) => e.url === extensionUrl("acknowledged-by"),
    );
    const acknowledgedByExternal =
      acknowledgedBy === null
        ? null
        : userIdentifierOf({ identifier: { system: USER_SYSTEM, value: acknowledgedBy } });
    if (acknowledgedAt !== null && !instant.safeParse(acknowledgedAt).success) {
      problems.push({
        path: `${flag.path}.extension`,
        message: "The acknowledgement's time must be a date and time with its offset.",
      });
    }
    if (acknowledgedAt !== null && acknowledgedBy === null) {
      problems.push({
        path: `${flag.path}.extension`,
        message: `An acknowledgement names its supervisor by an identifier of ${USER_SYSTEM} (acknowledged-by).`,
      });
    } else if (acknowledgedBy !== null && acknowledgedByExternal === null) {
      problems.push({
        path: `${flag.path}.extension[${String(byIndex)}].valueString`,
        message: `An acknowledgement names its supervisor by an identifier of ${USER_SYSTEM}.`,
      });
    } else if (acknowledgedBy !== null && acknowledgedAt === null) {
      problems.push({
        path: `${flag.path}.extension`,
        message: "An acknowledgement needs its time (acknowledged-at).",
      });
    }
    if (!sessionSourceId || !scoreSourceId || itemValue === null || !raisedAt) return [];
    return [
      {
        sessionSourceId,
        scoreSourceId,
        itemValue,
        raisedAt,
        resolvedAt: flag.resource.period?.end ?? null,
        resolved: flag.resource.status === "inactive",
        resolutionReason: ext.string("resolution-reason"),
        acknowledgedAt: acknowledgedByExternal ? acknowledgedAt : null,
        acknowledgedByExternal: acknowledgedAt ? acknowledgedByExternal : null,
        followUps: followUpsOf(flag.resource.extension).flatMap(({ parts, index }) => {
          const level = riskLevel.safeParse(parts.get("riskLevel")?.valueString);
          const plan = safetyPlanAction.safeParse(parts.get("safetyPlan")?.valueString);
          const actionsTaken = parts.get("actionsTaken")?.valueString;
          const followedUpAt = parts.get("followedUpAt")?.valueDateTime;
          const createdAt = parts.get("createdAt")?.valueDateTime;
          if (!level.success || !plan.success || !actionsTaken || !followedUpAt || !createdAt) {
            problems.push({ path: `${flag.path}.extension`, message: "A safety follow-up is incomplete." });
            return [];
          }
          const supervisorInformed = parts.get("supervisorInformed")?.valueBoolean ?? false;
          // The supervisor named as informed, by their user identifier at the exporting instance: kept as
          // the follow-up's external supervisor, never a local user (docs/decisions/018). As the API
          // asks, only when a supervisor was informed.
          const named = parts.get("supervisor");
          const supervisorPath = `${flag.path}.extension[${String(index)}].extension[${String(
            flag.resource.extension?.[index]?.extension?.indexOf(named as Extension) ?? -1,
          )}].valueString`;
          const supervisorExternal = named
            ? userIdentifierOf({ identifier: { system: USER_SYSTEM, value: named.valueString } })
            : null;
          if (named && supervisorExternal === null) {
            problems.push({
              path: supervisorPath,
              message: `A follow-up names its supervisor by an identifier of ${USER_SYSTEM}.`,
            });
          } else if (supervisorExternal !== null && !supervisorInformed) {
            problems.push({
              path: supervisorPath,
              message: "No supervisor was informed: a follow-up names a supervisor only when one was.",
            });
          }
          return [
            {
              riskLevel: level.data,
              actionsTaken,
              safetyPlan: plan.data,
              supervisorInformed,
              supervisorExternal,
              followedUpAt,
              createdAt,
            },
          ];
        }),
      },
    ];
  });

  return { scores, riskFlags };
}

/** The Flag's safety follow-ups (complex extensions), each with its parts by name and its index among
 *  the Flag's extensions, so a problem names its path. */
function followUpsOf(extensions: Extension[] | undefined) {
  const url = extensionUrl("safety-follow-up");
  return (extensions ?? []).flatMap((e, index) =>
    e.url === url ? [{ index, parts: new Map((e.extension ?? []).map((part) => [part.url, part])) }] : [],
  );
}
