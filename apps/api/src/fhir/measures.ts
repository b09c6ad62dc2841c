// Each score as a QuestionnaireResponse and Observations in the US Core screening-and-assessment
// pattern: a panel Observation (the instrument's LOINC panel) whose hasMember are the item answers
// (where item codes are confirmed), the difficulty answer and the total; each derivedFrom the response.
import {
  difficultyAnswers,
  difficultyQuestion,
  DIFFICULTY_LINK_ID,
  frequencyAnswers,
  fromDateColumn,
  instrumentCodes,
  itemLinkId,
  OBSERVATION_CATEGORY,
  questionnaireUrl,
  TOTAL_LINK_ID,
  type Coding,
} from "@ipt/shared";
import type { Observation, QuestionnaireResponse, QuestionnaireResponseItem } from "@medplum/fhirtypes";
import { extension, ref, stableUuid, urnOf } from "./extensions";
import type { ExportScore } from "./export-source";
import { userReference } from "./provenance";

export interface ScoreEntry {
  fullUrl: string;
  resource: QuestionnaireResponse | Observation;
}

const category = [{ coding: [{ system: OBSERVATION_CATEGORY, code: "survey", display: "Survey" }] }];

/** The answer Coding of an item value 0–3. */
export function frequencyAnswer(value: number): Coding {
  const answer = frequencyAnswers[value];
  if (!answer) throw new Error(`item value out of range: ${String(value)}`);
  return answer;
}

export const scoreUrls = (score: ExportScore) => ({
  response: urnOf(stableUuid("response", score.id)),
  panel: urnOf(score.id),
  total: urnOf(stableUuid("total", score.id)),
  difficulty: urnOf(stableUuid("difficulty", score.id)),
  item: (index: number) => urnOf(stableUuid("item", score.id, String(index))),
});

export function scoreEntries(
  score: ExportScore,
  urls: { patient: string; encounterOf: (sessionId: string) => string | null },
): ScoreEntry[] {
  const codes = instrumentCodes[score.instrument];
  const own = scoreUrls(score);
  const effective = fromDateColumn(score.administeredOn);
  const encounter = urls.encounterOf(score.sessionId);
  const common = {
    subject: ref(urls.patient),
    ...(encounter ? { encounter: ref(encounter) } : {}),
    effectiveDateTime: effective,
    issued: score.enteredAt.toISOString(),
    performer: [userReference(score.enteredById)],
    derivedFrom: [ref(own.response)],
  };
  const status = score.correctsId ? "corrected" : "final";

  const items: QuestionnaireResponseItem[] = [
    ...score.items.map((value, index) => {
      const code = codes.items?.[index];
      return {
        linkId: itemLinkId(score.instrument, index),
        ...(code ? { text: code.display } : {}),
        answer: [{ valueCoding: frequencyAnswer(value) }],
      };
    }),
    ...(score.difficulty
      ? [
          {
            linkId: DIFFICULTY_LINK_ID,
            text: difficultyQuestion.display,
            answer: [{ valueCoding: difficultyAnswers[score.difficulty] }],
          },
        ]
      : []),
    { linkId: TOTAL_LINK_ID, text: codes.total.display, answer: [{ valueInteger: score.total }] },
  ];
  const response: QuestionnaireResponse = {
    resourceType: "QuestionnaireResponse",
    extension: [...extension("score-id", score.id)],
    questionnaire: questionnaireUrl(score.instrument),
    status: "completed",
    subject: ref(urls.patient),
    ...(encounter ? { encounter: ref(encounter) } : {}),
    authored: score.enteredAt.toISOString(),
    author: userReference(score.enteredById),
    item: items,
  };

  const itemObservations: ScoreEntry[] = codes.items
    ? score.items.map((value, index) => ({
        fullUrl: own.item(index),
        resource: {
          resourceType: "Observation",
          status,
          category,
          code: { coding: [codes.items?.[index] ?? codes.panel] },
          ...common,
          valueCodeableConcept: { coding: [frequencyAnswer(value)] },
        },
      }))
    : [];
  const difficulty: ScoreEntry[] =
    score.difficulty && codes.difficulty
      ? [
          {
            fullUrl: own.difficulty,
            resource: {
              resourceType: "Observation",
              status,
              category,
              code: { coding: [difficultyQuestion] },
              ...common,
              valueCodeableConcept: { coding: [difficultyAnswers[score.difficulty]] },
            },
          },
        ]
      : [];
  const total: ScoreEntry = {
    fullUrl: own.total,
    resource: {
      resourceType: "Observation",
      status,
      category,
      code: { coding: [codes.total] },
      ...common,
      valueInteger: score.total,
    },
  };
  const members = [...itemObservations, ...difficulty, total];
  const panel: ScoreEntry = {
    fullUrl: own.panel,
    resource: {
      resourceType: "Observation",
      extension: [
        ...extension("score-id", score.id),
        ...extension("session-id", score.sessionId),
        ...extension("corrects-score-id", score.correctsId),
        ...extension("correction-reason", score.correctionReason),
        ...extension("completed-by-client-at", score.completedByClientAt),
      ],
      status,
      category,
      code: { coding: [codes.panel] },
      ...common,
      hasMember: members.map((member) => ref(member.fullUrl)),
    },
  };
  return [{ fullUrl: own.response, resource: response }, panel, ...members];
}
