// Supervisor co-signatures of a course's formulation, its plan and its held sessions. A co-signature
// covers the content as recorded when it was given (its fingerprint), so a later change shows as
// "changed_since" and needs a new one. Co-signing needs the content to be ready and no change request
// on it still open. The therapist and assigned supervisors read the state; only an assigned
// supervisor co-signs; anyone else gets the audited 404. When the organisation requires it, a current
// co-signature of the formulation and of the plan also gates the middle phase (coSignGaps).
import {
  supervisionSettingFields,
  type CoSignature,
  type CoSignRequest,
  type CoSignStatus,
  type CourseCoSignsResponse,
  type ReviewTarget,
  type RuleGap,
} from "@ipt/shared";
import { personSelect, recordAuthorOf } from "../db/person-select";
import type { Db, Prisma, PrismaClient } from "../db/prisma";
import { conflict } from "../errors/app-error";
import { auditClinical, denied, readableClientWhere, ruleUnmet, type Actor } from "../clinical/access";
import { getSupervisionSettings } from "../clinical/measures/settings-read";
import { live, onLiveSession } from "../clinical/live";
import { lockCourse, withRefusalAudit } from "../clinical/plan/course-write";
import {
  formulationContentSelect,
  formulationFingerprint,
  planContentSelect,
  planFingerprint,
  sessionContentSelect,
  sessionFingerprints,
} from "./fingerprints";

const coSignatureSelect = {
  id: true,
  target: true,
  sessionId: true,
  fingerprint: true,
  note: true,
  createdAt: true,
  supervisor: { select: personSelect },
  supervisorExternal: true,
} satisfies Prisma.CoSignatureSelect;

/** Everything the co-sign view needs, in one query (relations load with joins). */
const courseCoSignSelect = {
  id: true,
  ...formulationContentSelect,
  ...planContentSelect,
  sessions: {
    where: { status: "held", ...live },
    select: { id: true, number: true, ...sessionContentSelect },
    orderBy: [{ number: "asc" }, { createdOrder: "asc" }],
  },
  // Newest first: the first one seen per target is its latest.
  coSignatures: { select: coSignatureSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
  reviewThreads: {
    where: { kind: "change_request", resolvedAt: null, ...onLiveSession },
    select: { target: true, sessionId: true },
  },
} satisfies Prisma.CourseSelect;

type CoSignCourse = Prisma.CourseGetPayload<{ select: typeof courseCoSignSelect }>;
type CoSignatureRow = CoSignCourse["coSignatures"][number];

interface Gap {
  item: string;
  message: string;
}

/** One target as it stands: its wire status, the fingerprint of its content now (what a new
 *  co-signature stores), and what blocks it. */
interface TargetState {
  status: CoSignStatus;
  fingerprint: string;
  gaps: Gap[];
}

const keyOf = (target: ReviewTarget, sessionId: string | null) =>
  target === "session" ? `session:${sessionId}` : target;

const hasText = (value: string | null) => value !== null && value.trim() !== "";

const nameOf = (target: ReviewTarget) => (target === "session" ? "this session" : `the ${target}`);
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function readinessGaps(
  target: ReviewTarget,
  course: CoSignCourse,
  session?: CoSignCourse["sessions"][number],
) {
  const gaps: Gap[] = [];
  if (target === "formulation") {
    if (course.primaryArea === null) {
      gaps.push({
        item: "problem_area",
        message: "The formulation needs a primary problem area before it can be co-signed.",
      });
    }
    if (!hasText(course.formulation)) {
      gaps.push({
        item: "formulation",
        message: "The formulation needs writing before it can be co-signed.",
      });
    }
  } else if (target === "plan") {
    if (course.contractAgreedOn === null) {
      gaps.push({
        item: "contract",
        message: "The treatment contract needs agreeing before the plan can be co-signed.",
      });
    }
  } else if (!session?.signedAt) {
    gaps.push({
      item: "session_signed",
      message: "The session record needs signing before it can be co-signed.",
    });
  }
  return gaps;
}

function changeRequestGap(target: ReviewTarget, open: number): Gap[] {
  if (open === 0) return [];
  const what = open === 1 ? "1 change request" : `${open} change requests`;
  return [
    {
      item: "change_request",
      message: `${what} on ${nameOf(target)} ${open === 1 ? "is" : "are"} still open: the therapist resolves ${open === 1 ? "it" : "them"} before it can be co-signed.`,
    },
  ];
}

function toCoSignature(row: CoSignatureRow): CoSignature {
  return {
    id: row.id,
    target: row.target,
    sessionId: row.sessionId,
    // A co-signature imported from another instance names its signer there (docs/decisions/018).
    supervisor: recordAuthorOf(row.supervisor, row.supervisorExternal),
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The formulation, the plan and each held session as they stand, worked out from one course read. */
function targetsOf(course: CoSignCourse) {
  const latest = new Map<string, CoSignatureRow>();
  for (const row of course.coSignatures) {
    const key = keyOf(row.target, row.sessionId);
    if (!latest.has(key)) latest.set(key, row);
  }
  const openRequests = new Map<string, number>();
  for (const thread of course.reviewThreads) {
    const key = keyOf(thread.target, thread.sessionId);
    openRequests.set(key, (openRequests.get(key) ?? 0) + 1);
  }

  const stateOf = (
    target: ReviewTarget,
    session: CoSignCourse["sessions"][number] | null,
    fingerprint: string,
    /** Older forms of the same content's fingerprint that a co-signature may hold (fingerprints.ts). */
    alsoCovering: readonly string[] = [],
  ): TargetState => {
    const key = keyOf(target, session?.id ?? null);
    const signed = latest.get(key);
    const open = openRequests.get(key) ?? 0;
    const gaps = [...readinessGaps(target, course, session ?? undefined), ...changeRequestGap(target, open)];
    return {
      fingerprint,
      gaps,
      status: {
        target,
        sessionId: session?.id ?? null,
        sessionNumber: session?.number ?? null,
        state: !signed
          ? "not_cosigned"
          : [fingerprint, ...alsoCovering].includes(signed.fingerprint)
            ? "cosigned"
            : "changed_since",
        latest: signed ? toCoSignature(signed) : null,
        openChangeRequests: open,
        blocker: gaps.length > 0 ? gaps.map((gap) => gap.message).join(" ") : null,
      },
    };
  };

  return {
    formulation: stateOf("formulation", null, formulationFingerprint(course)),
    plan: stateOf("plan", null, planFingerprint(course)),
    sessions: course.sessions.map((session) => {
      const [fingerprint, byAmendmentIds] = sessionFingerprints(session);
      return stateOf("session", session, fingerprint, [byAmendmentIds]);
    }),
  };
}

async function toResponse(db: Db, course: CoSignCourse): Promise<CourseCoSignsResponse> {
  const { coSignBeforeMiddle } = await getSupervisionSettings(db);
  const targets = targetsOf(course);
  return {
    requiredBeforeMiddle: coSignBeforeMiddle,
    formulation: targets.formulation.status,
    plan: targets.plan.status,
    sessions: targets.sessions.map((state) => state.status),
  };
}

/** The course's co-sign state: three queries (course, settings, audit) whatever the number of sessions. */
export async function getCourseCoSigns(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
): Promise<CourseCoSignsResponse> {
  // Access (the therapist, or a supervisor assigned to them now) and everything shown, in one query.
  const course = await prisma.course.findFirst({
    where: { id: courseId, client: readableClientWhere(actor) },
    select: courseCoSignSelect,
  });
  if (!course) throw await denied(prisma, actor, "course", courseId, "The course");
  await auditClinical(prisma, actor, "cosigns.viewed", "course", course.id);
  return toResponse(prisma, course);
}

/**
 * An assigned supervisor co-signs the target as recorded now. Refused with 422 when it is not ready or
 * a change request on it is open (audited as a refused rule), 409 when the latest co-signature already
 * covers it. The row and its audit event are written in one transaction, under the course lock, so
 * the fingerprint is of the content the therapist's writes have committed.
 */
export async function coSign(
  prisma: PrismaClient,
  actor: Actor,
  courseId: string,
  request: CoSignRequest,
): Promise<CourseCoSignsResponse> {
  const reachable = await prisma.course.findFirst({
    where: { id: courseId, client: readableClientWhere(actor) },
    select: { id: true },
  });
  if (!reachable) throw await denied(prisma, actor, "course", courseId, "The course");
  const sessionId = request.target === "session" ? (request.sessionId ?? null) : null;
  if (sessionId) {
    const inCourse = await prisma.therapySession.findFirst({
      where: { id: sessionId, courseId, ...live },
      select: { id: true },
    });
    if (!inCourse) throw await denied(prisma, actor, "therapy_session", sessionId, "The session");
  }

  return withRefusalAudit(prisma, actor, courseId, "cosign", () =>
    prisma.$transaction(async (tx) => {
      await lockCourse(tx, courseId);
      const course = await tx.course.findUniqueOrThrow({
        where: { id: courseId },
        select: courseCoSignSelect,
      });
      const targets = targetsOf(course);
      const state =
        request.target === "session"
          ? targets.sessions.find((candidate) => candidate.status.sessionId === sessionId)
          : targets[request.target];
      if (!state) {
        throw ruleUnmet("Only a held session can be co-signed.", [
          {
            item: "session_held",
            message: "This session has not been held, so there is no record to co-sign.",
          },
        ]);
      }
      if (state.gaps.length > 0) {
        throw ruleUnmet(`${capitalised(nameOf(request.target))} cannot be co-signed yet.`, state.gaps);
      }
      if (state.status.state === "cosigned") throw conflict("Already co-signed as it stands.");

      await tx.coSignature.create({
        data: {
          courseId,
          sessionId,
          target: request.target,
          supervisorId: actor.userId,
          fingerprint: state.fingerprint,
          note: request.note,
        },
        select: { id: true },
      });
      await auditClinical(tx, actor, "cosign.recorded", "course", courseId, {
        target: request.target,
        ...(sessionId ? { sessionId } : {}),
      });
      return toResponse(
        tx,
        await tx.course.findUniqueOrThrow({ where: { id: courseId }, select: courseCoSignSelect }),
      );
    }),
  );
}

// --- The middle-phase gate ---

/** The course's formulation and plan co-signatures, newest first: a relation select for the gate. */
export const gateCoSignaturesSelect = {
  where: { target: { in: ["formulation", "plan"] } },
  select: { target: true, fingerprint: true },
  orderBy: [{ createdAt: "desc" }, { id: "desc" }],
} satisfies Prisma.Course$coSignaturesArgs;

/** What the gate reads of a course: the co-signed content and its latest co-signatures. */
export const coSignGapSelect = {
  ...formulationContentSelect,
  ...planContentSelect,
  coSignatures: gateCoSignaturesSelect,
} satisfies Prisma.CourseSelect;

export type CoSignGapCourse = Prisma.CourseGetPayload<{ select: typeof coSignGapSelect }>;

const gateSources =
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the only setting today; still right when another is added
  supervisionSettingFields.find((field) => field.key === "coSignBeforeMiddle")?.sources ?? [];

/**
 * The gaps the organisation's co-sign-before-middle setting adds (none when it is off): the formulation
 * and the plan each need a co-signature that covers them as they stand now. One settings read.
 */
export async function coSignGaps(db: Db, course: CoSignGapCourse): Promise<RuleGap[]> {
  const { coSignBeforeMiddle } = await getSupervisionSettings(db);
  if (!coSignBeforeMiddle) return [];
  const gaps: RuleGap[] = [];
  const check = (target: "formulation" | "plan", fingerprint: string) => {
    const latest = course.coSignatures.find((row) => row.target === target);
    if (latest?.fingerprint === fingerprint) return;
    gaps.push({
      item: target === "formulation" ? "formulation_cosign" : "plan_cosign",
      message: latest
        ? `The ${target} changed after it was co-signed: ask a supervisor to co-sign it again.`
        : `Ask a supervisor to co-sign the ${target}: your organisation requires it before the middle phase.`,
      sources: gateSources,
    });
  };
  check("formulation", formulationFingerprint(course));
  check("plan", planFingerprint(course));
  return gaps;
}
