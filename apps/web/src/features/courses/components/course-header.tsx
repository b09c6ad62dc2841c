import {
  areaGuidanceFor,
  disputeStageGuidance,
  formatPresets,
  phaseLabelFor,
  type CourseDetail,
} from "@ipt/shared";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { coursePhaseLabels } from "../../../components/clinical/labels";
import { formatChange } from "../../../components/clinical/measure-text";
import { NextAction, RecordHeader, type RecordFact } from "../../../components/record-header";
import { SessionWhen } from "../../../components/clinical/session-when";
import { courseNextAction } from "./next-action";

function focusText(course: CourseDetail): string {
  if (!course.primaryArea) return "Not chosen yet";
  const area = areaGuidanceFor(course.primaryArea, course.lineage).label;
  return course.disputeStage
    ? `${area} (${disputeStageGuidance[course.disputeStage].label.toLowerCase()})`
    : area;
}

function phq9Text(course: CourseDetail): string {
  const latest = course.measures.latestPhq9;
  if (!latest) return "No score yet";
  const change =
    course.measures.phq9Change === null
      ? ""
      : `, ${formatChange(course.measures.phq9Change, course.measures.phq9ReductionPercent)}`;
  return `${latest.total} ${latest.band.label}${change}`;
}

/** What a clinician needs at a glance about a course, risk first. */
export function courseFacts(course: CourseDetail): RecordFact[] {
  const held = course.sessions.filter((session) => session.status === "held").length;
  const openRisk = course.measures.openRiskFlags;
  const next = course.nextSession;
  return [
    ...(openRisk > 0
      ? [
          {
            term: "Risk",
            value: `${openRisk} open risk flag${openRisk === 1 ? "" : "s"}`,
            tone: "risk" as const,
          },
        ]
      : []),
    {
      term: "Phase",
      value:
        course.phase === "completed"
          ? coursePhaseLabels.completed
          : phaseLabelFor(course.phase, course.lineage),
    },
    { term: "Sessions", value: `${held} of ${course.plannedSessions} held` },
    { term: "Problem area", value: focusText(course) },
    { term: "Latest PHQ-9", value: phq9Text(course) },
    {
      term: "Next session",
      value: next ? (
        <>
          Session {next.number}, <SessionWhen session={next} />
        </>
      ) : (
        "None planned"
      ),
    },
  ];
}

/** The course's header and, for its therapist, the one next action. */
export function CourseHeader({
  course,
  actions,
  showNextAction,
  onRisk,
}: {
  course: CourseDetail;
  actions?: ReactNode;
  showNextAction: boolean;
  /** Shown under the facts while a risk flag is open (the app passes the crisis steps). */
  onRisk?: ReactNode;
}) {
  const next = showNextAction ? courseNextAction(course) : null;
  return (
    <>
      <RecordHeader
        title={course.client.displayName}
        documentTitle={`${course.client.displayName}: IPT course`}
        subtitle={`${formatPresets[course.format].label}${course.kind === "maintenance" ? ", maintenance" : ""}, course ${course.sequence}${
          course.client.workingDiagnosis ? `. Working diagnosis: ${course.client.workingDiagnosis}` : ""
        }`}
        facts={courseFacts(course)}
        actions={actions}
        onRisk={onRisk}
      />
      {next ? (
        <NextAction label={next.label}>
          <Link to={next.href} className="button">
            {next.button}
          </Link>
        </NextAction>
      ) : null}
    </>
  );
}
