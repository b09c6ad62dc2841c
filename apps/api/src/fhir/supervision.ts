// The course's supervision records in the Bundle (docs/decisions/018): a `Task` per review thread (a
// comment or a supervisor's change request about the formulation, the plan or one session; open as
// "requested", resolved as "completed" with the resolution as its output), a `Communication` per message
// of the thread (partOf the Task, sender and time, the text as payload), and an `Observation` per
// fidelity rating (a code of our own, encounter the rated session's Encounter, one component per item:
// 1–5, or data-absent "not-applicable"). People are identifiers of the exporting instance, as in Provenance.
// And the way back, each problem named by its path.
import {
  fidelityAverage,
  fidelityItems,
  fidelityItemKey,
  fidelityRaterRole,
  fidelityRatingRequest,
  type FidelityRaterRole,
  type FidelityScores,
  fidelityScores,
  iptCodeSystems,
  notApplicable,
  resolveReviewThreadRequest,
  reviewAuthorRole,
  reviewMessageBody,
  reviewTarget,
  reviewThreadKind,
  type ReviewAuthorRole,
  type SessionStatus,
  USER_SYSTEM,
} from "@ipt/shared";
import type { BundleEntry, Communication, Observation, Reference, Task } from "@medplum/fhirtypes";
import { z } from "zod";
import { extension, localCoding, ref, urnOf } from "./extensions";
import { ExtensionReader, located } from "./extension-reader";
import type { ExportFidelityRating, ExportReviewThread, ExportSource } from "./export-source";
import { authorReference, userReference } from "./provenance";
import type { FhirProblem } from "./structure-validation";

const kindLabels = { comment: "Comment", change_request: "Change request" } as const;
const targetLabels = { formulation: "Formulation", plan: "Plan", session: "Session" } as const;
const authorLabels = { therapist: "Therapist", supervisor: "Supervisor" } as const;
const raterLabels = { self: "Self-rating", supervisor: "Supervisor's rating" } as const;
const FIDELITY_CODE = "ipt-fidelity-rating";
const FIDELITY_DISPLAY = "Fidelity to IPT, each item rated 1–5 (local code)";

interface Urls {
  patient: string;
  carePlan: string;
  encounterOf: (sessionId: string) => string | null;
}

const authorRole = (role: ReviewAuthorRole) =>
  extension("author-role", localCoding(iptCodeSystems.reviewAuthorRole, role, authorLabels[role]));

/** A thread: what it is about is the CarePlan (formulation, plan) or the session's Encounter; a session
 *  not held has no Encounter, so the thread points at the CarePlan and names the session. */
export function reviewTaskOf(thread: ExportReviewThread, urls: Urls): Task {
  const encounter = thread.sessionId ? urls.encounterOf(thread.sessionId) : null;
  return {
    resourceType: "Task",
    extension: [
      ...extension(
        "review-target",
        localCoding(iptCodeSystems.reviewTarget, thread.target, targetLabels[thread.target]),
      ),
      ...extension("session-id", thread.sessionId),
      ...authorRole(thread.openedByRole),
    ],
    status: thread.resolvedAt ? "completed" : "requested",
    // A supervisor's change request asks for a change to be made; a comment only proposes a thought.
    intent: thread.kind === "change_request" ? "order" : "proposal",
    code: {
      coding: [localCoding(iptCodeSystems.reviewThreadKind, thread.kind, kindLabels[thread.kind])],
      text: kindLabels[thread.kind],
    },
    focus: ref(encounter ?? urls.carePlan),
    for: ref(urls.patient),
    authoredOn: thread.createdAt.toISOString(),
    requester: authorReference(thread.openedById, thread.openedByExternal),
    ...(thread.resolvedAt
      ? {
          executionPeriod: { end: thread.resolvedAt.toISOString() },
          ...(thread.resolvedById ? { owner: userReference(thread.resolvedById) } : {}),
        }
      : {}),
    ...(thread.resolution
      ? { output: [{ type: { text: "Resolution" }, valueString: thread.resolution }] }
      : {}),
  };
}

export function reviewMessageOf(
  message: ExportReviewThread["messages"][number],
  urls: { patient: string; task: string },
): Communication {
  return {
    resourceType: "Communication",
    extension: authorRole(message.authorRole),
    partOf: [ref(urls.task)],
    status: "completed",
    subject: ref(urls.patient),
    sent: message.createdAt.toISOString(),
    sender: authorReference(message.authorId, message.authorExternal),
    payload: [{ contentString: message.body }],
  };
}

export function fidelityRatingOf(
  rating: ExportFidelityRating,
  sessionId: string,
  urls: Pick<Urls, "patient" | "encounterOf">,
): Observation {
  const scores = fidelityScores.parse(rating.scores);
  const encounter = urls.encounterOf(sessionId);
  const average = fidelityAverage(scores);
  return {
    resourceType: "Observation",
    extension: [
      ...extension("session-id", sessionId),
      ...extension(
        "fidelity-rater-role",
        localCoding(iptCodeSystems.fidelityRaterRole, rating.raterRole, raterLabels[rating.raterRole]),
      ),
    ],
    status: "final",
    code: {
      coding: [localCoding(iptCodeSystems.fidelity, FIDELITY_CODE, FIDELITY_DISPLAY)],
      text: FIDELITY_DISPLAY,
    },
    subject: ref(urls.patient),
    // The session rated: R4 Observation.encounter allows events after the encounter's end "but still
    // tied to the context of the encounter". Only held sessions are rated; each has its Encounter.
    ...(encounter ? { encounter: ref(encounter) } : {}),
    effectiveDateTime: rating.createdAt.toISOString(),
    issued: rating.updatedAt.toISOString(),
    performer: [authorReference(rating.raterId, rating.raterExternal)],
    ...(average !== null ? { valueQuantity: { value: average } } : {}),
    ...(rating.comment ? { note: [{ text: rating.comment }] } : {}),
    component: fidelityItems.map((item) => {
      const score = scores[item.key];
      return {
        code: { coding: [localCoding(iptCodeSystems.fidelityItem, item.key, item.text)] },
        ...(score === null ? { dataAbsentReason: { coding: [notApplicable] } } : { valueInteger: score }),
      };
    }),
  };
}

/** The supervision entries: each thread (its Task, then its messages), then the fidelity ratings in the
 *  order of the sessions. */
export function supervisionEntries(
  source: Pick<ExportSource, "reviewThreads" | "sessions">,
  urls: Urls,
): { fullUrl: string; resource: Task | Communication | Observation }[] {
  return [
    ...source.reviewThreads.flatMap((thread) => {
      const task = urnOf(thread.id);
      return [
        { fullUrl: task, resource: reviewTaskOf(thread, urls) },
        ...thread.messages.map((message) => ({
          fullUrl: urnOf(message.id),
          resource: reviewMessageOf(message, { patient: urls.patient, task }),
        })),
      ];
    }),
    ...source.sessions.flatMap((session) =>
      session.fidelityRatings.map((rating) => ({
        fullUrl: urnOf(rating.id),
        resource: fidelityRatingOf(rating, session.id, urls),
      })),
    ),
  ];
}

/** Is this Observation a fidelity rating of ours (and not a score's or a life event's)? By its code. */
export const isFidelityRating = (observation: Observation) =>
  observation.code.coding?.[0]?.system === iptCodeSystems.fidelity;

/** What a supervisor wrote names them as the Bundle did: their user identifier in the exporting
 *  instance (kept as the record's external author, docs/decisions/018); null for the therapist's side,
 *  which is the assigned therapist's. */
export interface ImportedSupervision {
  threads: {
    sessionSourceId: string | null;
    target: z.infer<typeof reviewTarget>;
    kind: z.infer<typeof reviewThreadKind>;
    openedByRole: ReviewAuthorRole;
    openedByExternal: string | null;
    createdAt: string;
    resolvedAt: string | null;
    resolution: string | null;
    messages: {
      authorRole: ReviewAuthorRole;
      authorExternal: string | null;
      body: string;
      createdAt: string;
    }[];
  }[];
  fidelityRatings: {
    sessionSourceId: string;
    raterRole: FidelityRaterRole;
    raterExternal: string | null;
    scores: FidelityScores;
    comment: string;
    createdAt: string;
    updatedAt: string;
  }[];
}

const instant = z.iso.datetime({ offset: true });
/** A user identifier of ours: a UUID, within FHIR's id pattern and the database's 64 characters. */
const userValue = /^[A-Za-z0-9\-.]{1,64}$/;

/** The user identifier of ours a reference names (…/NamingSystem/user, 1–64 id characters), or null
 *  when it names none: how an imported supervisor's record keeps its author (docs/decisions/018). */
export function userIdentifierOf(reference: Reference | undefined): string | null {
  const { system, value } = reference?.identifier ?? {};
  return system === USER_SYSTEM && value && userValue.test(value) ? value : null;
}
const ratingComment = fidelityRatingRequest.shape.comment;
const resolutionText = resolveReviewThreadRequest.shape.resolution;

/** Reads the threads, messages and ratings back, checked with the API's own rules (message length,
 *  resolution length, 1–5 scores, only a supervisor requests changes, ratings of held sessions). */
export function readSupervision(
  entries: BundleEntry[],
  sessions: { sourceId: string; status: SessionStatus }[],
  problems: FhirProblem[],
): ImportedSupervision {
  const sessionStatus = new Map(sessions.map((s) => [s.sourceId, s.status]));
  const at = (path: string, message: string) => problems.push({ path, message });
  const timeAt = (value: string | undefined, path: string, what: string): string | null => {
    if (instant.safeParse(value).success) return value ?? null;
    at(path, `${what} must be a date and time with its offset.`);
    return null;
  };
  /** A supervisor's record: its author as the Bundle names them (undefined when that is missing or
   *  malformed, a problem at `path`); the therapist's side: null, the assigned therapist's. */
  const authorOf = (
    role: ReviewAuthorRole | FidelityRaterRole | null,
    reference: Reference | undefined,
    path: string,
  ): string | null | undefined => {
    if (role !== "supervisor") return null;
    const value = userIdentifierOf(reference);
    if (value) return value;
    at(path, `A supervisor's record names its author by an identifier of ${USER_SYSTEM}.`);
    return undefined;
  };

  const messagesByTask = new Map<string, { path: string; resource: Communication }[]>();
  for (const message of located<Communication>(entries, "Communication")) {
    const task = message.resource.partOf?.[0]?.reference;
    const taskEntry = task ? entries.find((e) => e.fullUrl === task) : undefined;
    if (!task || taskEntry?.resource?.resourceType !== "Task") {
      at(`${message.path}.partOf`, "A message must be part of a review thread (a Task of this Bundle).");
      continue;
    }
    messagesByTask.set(task, [...(messagesByTask.get(task) ?? []), message]);
  }

  const threads = located<Task>(entries, "Task").flatMap(({ resource, path }) => {
    const ext = new ExtensionReader(resource.extension, path, problems);
    const target = ext.code("review-target", reviewTarget, true);
    const openedByRole = ext.code("author-role", reviewAuthorRole, true);
    const sessionSourceId = ext.string("session-id");
    const kind = reviewThreadKind.safeParse(resource.code?.coding?.[0]?.code);
    if (!kind.success) at(`${path}.code`, "A review thread is a comment or a change request.");
    if (target === "session" && (!sessionSourceId || !sessionStatus.has(sessionSourceId)))
      at(`${path}.extension`, "The thread names a session that is not in the plan.");
    if (target !== null && target !== "session" && sessionSourceId)
      at(`${path}.extension`, "Only a thread about a session names a session.");
    if (kind.success && kind.data === "change_request" && openedByRole === "therapist")
      at(`${path}.extension`, "Only a supervisor requests changes.");
    const openedByExternal = authorOf(openedByRole, resource.requester, `${path}.requester`);
    const createdAt = timeAt(resource.authoredOn, `${path}.authoredOn`, "The thread's time");
    let resolvedAt: string | null = null;
    if (resource.status === "completed") {
      resolvedAt = timeAt(
        resource.executionPeriod?.end,
        `${path}.executionPeriod.end`,
        "The resolution time",
      );
    } else if (resource.status !== "requested") {
      at(`${path}.status`, 'A review thread is "requested" (open) or "completed" (resolved).');
    } else if (resource.output) {
      at(`${path}.output`, "Only a resolved thread has a resolution.");
    }
    const resolution = resolutionText.safeParse(resource.output?.[0]?.valueString ?? "");
    if (!resolution.success)
      at(`${path}.output[0].valueString`, resolution.error.issues[0]?.message ?? "Invalid resolution.");

    const fullUrl = entries.find((entry) => entry.resource === resource)?.fullUrl ?? "";
    const read = (messagesByTask.get(fullUrl) ?? []).map((message) => {
      const role = new ExtensionReader(message.resource.extension, message.path, problems).code(
        "author-role",
        reviewAuthorRole,
        true,
      );
      const body = reviewMessageBody.safeParse(message.resource.payload?.[0]?.contentString);
      if (!body.success)
        at(`${message.path}.payload[0].contentString`, body.error.issues[0]?.message ?? "Invalid message.");
      const sent = timeAt(message.resource.sent, `${message.path}.sent`, "The message's time");
      const external = authorOf(role, message.resource.sender, `${message.path}.sender`);
      return { role, external, body: body.success ? body.data : null, sent };
    });
    if (read.length === 0) at(path, "A review thread needs its first message.");
    else if (read[0]?.role && openedByRole && read[0].role !== openedByRole)
      at(path, "The thread's first message is by the one who opened it.");
    const messages = read.flatMap(({ role, external, body, sent }) =>
      role && external !== undefined && body !== null && sent
        ? [{ authorRole: role, authorExternal: external, body, createdAt: sent }]
        : [],
    );
    if (!target || !openedByRole || openedByExternal === undefined || !kind.success) return [];
    if (!createdAt || !resolution.success) return [];
    if (resource.status === "completed" && !resolvedAt) return [];
    return [
      {
        sessionSourceId: target === "session" ? sessionSourceId : null,
        target,
        kind: kind.data,
        openedByRole,
        openedByExternal,
        createdAt,
        resolvedAt,
        resolution: resolution.data || null,
        messages,
      },
    ];
  });

  const fidelityRatings = located<Observation>(entries, "Observation")
    .filter(({ resource }) => isFidelityRating(resource))
    .flatMap(({ resource, path }) => {
      const ext = new ExtensionReader(resource.extension, path, problems);
      const sessionSourceId = ext.string("session-id", true);
      const raterRole = ext.code("fidelity-rater-role", fidelityRaterRole, true);
      if (sessionSourceId && sessionStatus.get(sessionSourceId) !== "held")
        at(`${path}.extension`, "A fidelity rating names a held session of the plan.");
      const values: Record<string, number | null> = {};
      (resource.component ?? []).forEach((component, index) => {
        const componentPath = `${path}.component[${String(index)}]`;
        const key = fidelityItemKey.safeParse(component.code.coding?.[0]?.code);
        if (!key.success || key.data in values) {
          at(
            `${componentPath}.code`,
            key.success ? "The item is rated twice." : "Not an item of the rating.",
          );
          return;
        }
        values[key.data] = component.valueInteger ?? null;
        if (component.valueInteger === undefined && !component.dataAbsentReason)
          at(componentPath, "Rate the item 1–5, or mark it not applicable.");
      });
      const scores = fidelityScores.safeParse(values);
      for (const issue of scores.error?.issues ?? []) {
        const index = (resource.component ?? []).findIndex(
          (c) => c.code.coding?.[0]?.code === String(issue.path[0]),
        );
        at(index >= 0 ? `${path}.component[${String(index)}]` : `${path}.component`, issue.message);
      }
      const comment = ratingComment.safeParse(resource.note?.[0]?.text ?? "");
      if (!comment.success) at(`${path}.note[0].text`, comment.error.issues[0]?.message ?? "Invalid.");
      const createdAt = timeAt(resource.effectiveDateTime, `${path}.effectiveDateTime`, "The rating's time");
      const updatedAt = timeAt(resource.issued, `${path}.issued`, "The rating's last change");
      const raterExternal = authorOf(raterRole, resource.performer?.[0], `${path}.performer[0]`);
      if (!sessionSourceId || !raterRole || raterExternal === undefined || !scores.success) return [];
      if (!comment.success || !createdAt || !updatedAt) return [];
      return [
        {
          sessionSourceId,
          raterRole,
          raterExternal,
          scores: scores.data,
          comment: comment.data,
          createdAt,
          updatedAt,
        },
      ];
    });
  // One rating per rater and session (the self-rating is the therapist's), as the database requires.
  const raters = fidelityRatings.map((r) => `${r.sessionSourceId} ${r.raterExternal ?? "self"}`);
  if (raters.some((rater, index) => raters.indexOf(rater) !== index))
    at("entry", "A session is rated twice by one rater.");
  return { threads, fidelityRatings };
}
