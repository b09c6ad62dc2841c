import { areaGuidanceFor, phaseLabelFor, type SessionDetail } from "@ipt/shared";
import type { ReactNode } from "react";
import { sessionStatusLabels } from "../../../components/clinical/labels";
import { sessionTitle } from "../../../components/clinical/session-record";
import { RecordHeader, type RecordFact } from "../../../components/record-header";
import { SessionWhen } from "../../../components/clinical/session-when";

/** Risk flags raised at this session that are still open, and how many still lack a safety follow-up. */
export function openRiskAt(session: Pick<SessionDetail, "riskFlags">) {
  const open = session.riskFlags.filter((flag) => !flag.resolvedAt);
  return { open: open.length, withoutFollowUp: open.filter((flag) => flag.followUps.length === 0).length };
}

const flagsText = (count: number) => `${count} open risk flag${count === 1 ? "" : "s"}`;

/**
 * `courseOpenRisk`: the course's open risk flags (raised at any session), when known; the session's
 * own are always counted.
 */
export function sessionFacts(session: SessionDetail, courseOpenRisk?: number): RecordFact[] {
  const risk = openRiskAt(session);
  const open = Math.max(risk.open, courseOpenRisk ?? 0);
  return [
    ...(open > 0
      ? [
          {
            term: "Risk",
            value:
              risk.withoutFollowUp > 0
                ? `${flagsText(open)}, follow-up needed here`
                : `${flagsText(open)} in this course`,
            tone: "risk" as const,
          },
        ]
      : []),
    {
      term: "Date and time",
      value: (
        <>
          <SessionWhen session={session} /> ({session.durationMinutes} minutes)
        </>
      ),
    },
    { term: "Phase", value: session.phase ? phaseLabelFor(session.phase, session.course.lineage) : "None" },
    {
      term: "Status",
      value: `${sessionStatusLabels[session.status]}${session.signedAt ? ", signed" : ", not signed"}`,
    },
    {
      term: "Problem area",
      value: session.course.primaryArea
        ? areaGuidanceFor(session.course.primaryArea, session.course.lineage).label
        : "Not chosen yet",
    },
  ];
}

/** A session's header: which session of whose course, and what matters at a glance (risk first). */
export function SessionHeader({
  session,
  courseOpenRisk,
  actions,
  onRisk,
}: {
  session: SessionDetail;
  courseOpenRisk?: number | undefined;
  actions?: ReactNode;
  /** Shown under the facts while a risk flag is open (the app passes the crisis steps). */
  onRisk?: ReactNode;
}) {
  const title = sessionTitle(session);
  return (
    <RecordHeader
      title={title}
      documentTitle={`${title}: ${session.course.clientName}`}
      subtitle={session.course.clientName}
      facts={sessionFacts(session, courseOpenRisk)}
      actions={actions}
      onRisk={onRisk}
    />
  );
}
