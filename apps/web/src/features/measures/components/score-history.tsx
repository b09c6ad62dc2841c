import { instruments, type MeasureScore } from "@ipt/shared";
import { DataTable, type Column } from "../../../components/data-table";
import { formatCalendarDate, formatDateTime } from "../../../lib/format";
import { CorrectScoreButton } from "./correct-score-dialog";
import { instrumentName, sessionLabel } from "./labels";
import { ScoreSource } from "./session-measures";

/** How a score stands in its chain of corrections, in words. */
export function correctionNotes(score: MeasureScore, scores: readonly MeasureScore[]): string[] {
  const notes: string[] = [];
  if (score.correctsId) {
    notes.push(
      `Correction of an earlier score${score.correctionReason ? ` — ${score.correctionReason}` : ""}`,
    );
  }
  const correction = scores.find((candidate) => candidate.correctsId === score.id);
  if (correction) {
    notes.push(
      `Corrected on ${formatDateTime(correction.enteredAt)}${correction.correctionReason ? ` — ${correction.correctionReason}` : ""}`,
    );
  }
  return notes;
}

/** Sessions in order; within a session PHQ-9, GAD-7, HAM-D-17, each chain of corrections oldest first. */
export function historyOrder(scores: readonly MeasureScore[]): MeasureScore[] {
  return [...scores].sort(
    (a, b) =>
      (a.sessionNumber ?? Number.MAX_SAFE_INTEGER) - (b.sessionNumber ?? Number.MAX_SAFE_INTEGER) ||
      instruments.indexOf(a.instrument) - instruments.indexOf(b.instrument) ||
      a.enteredAt.localeCompare(b.enteredAt),
  );
}

/**
 * Every score of the course, corrected originals included (marked as such): nothing entered is
 * ever lost. The client's therapist can correct a current score.
 */
export function ScoreHistory({
  scores,
  canWrite,
  onCorrect,
}: {
  scores: readonly MeasureScore[];
  canWrite: boolean;
  onCorrect: (score: MeasureScore) => void;
}) {
  if (scores.length === 0) return <p className="muted">No scores recorded yet.</p>;
  const columns: Column<MeasureScore>[] = [
    { key: "session", header: "Session", cell: (score) => sessionLabel(score.sessionNumber) },
    {
      key: "score",
      header: "Score",
      cell: (score) => (
        <>
          {instrumentName(score)} {score.total} <span className="cell__note">{score.band.label}</span>
        </>
      ),
    },
    {
      key: "record",
      header: "Record",
      priority: 2,
      cell: (score) => (
        <>
          {score.current ? "Current" : <strong>Superseded</strong>}
          {correctionNotes(score, scores).map((note) => (
            <span key={note} className="cell__note">
              {note}
            </span>
          ))}
        </>
      ),
    },
    {
      key: "given",
      header: "Given on",
      priority: 2,
      cell: (score) => formatCalendarDate(score.administeredOn),
    },
    {
      key: "entered",
      header: "Entered",
      priority: 3,
      cell: (score) =>
        score.completedByClientAt ? (
          <ScoreSource score={score} />
        ) : (
          <>
            {score.enteredBy.name}
            <span className="cell__note">{formatDateTime(score.enteredAt)}</span>
          </>
        ),
    },
    ...(canWrite
      ? [
          {
            key: "actions",
            header: <span className="visually-hidden">Actions</span>,
            cell: (score: MeasureScore) =>
              score.current ? <CorrectScoreButton score={score} withSession onCorrect={onCorrect} /> : null,
          },
        ]
      : []),
  ];
  return (
    <DataTable
      caption="All scores, with corrections"
      columns={columns}
      rows={historyOrder(scores)}
      rowKey={(score) => score.id}
      rowClassName={(score) => (score.current ? undefined : "row--superseded")}
    />
  );
}
