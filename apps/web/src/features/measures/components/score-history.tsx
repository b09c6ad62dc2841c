import { instruments, type MeasureScore } from "@ipt/shared";
import { TableWrap } from "../../../components/table-wrap";
import { formatCalendarDate, formatDateTime } from "../../../lib/format";
import { CorrectColumnHeader, CorrectScoreButton } from "./correct-score-dialog";
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
  const caption = "All scores, with corrections";
  return (
    <TableWrap label={caption}>
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Measure</th>
            <th scope="col">Total</th>
            <th scope="col">Given on</th>
            <th scope="col">Entered</th>
            <th scope="col">Record</th>
            {canWrite ? <CorrectColumnHeader /> : null}
          </tr>
        </thead>
        <tbody>
          {historyOrder(scores).map((score) => {
            const notes = correctionNotes(score, scores);
            return (
              <tr key={score.id} className={score.current ? undefined : "row--superseded"}>
                <th scope="row">{sessionLabel(score.sessionNumber)}</th>
                <td>{instrumentName(score)}</td>
                <td>
                  {score.total} <span className="cell__note">{score.band.label}</span>
                </td>
                <td className="cell--nowrap">{formatCalendarDate(score.administeredOn)}</td>
                <td>
                  {score.completedByClientAt ? (
                    <ScoreSource score={score} />
                  ) : (
                    <>
                      {score.enteredBy.name}
                      <span className="cell__note">{formatDateTime(score.enteredAt)}</span>
                    </>
                  )}
                </td>
                <td>
                  {score.current ? "Current" : <strong>Superseded</strong>}
                  {notes.map((note) => (
                    <span key={note} className="cell__note">
                      {note}
                    </span>
                  ))}
                </td>
                {canWrite ? (
                  <td>
                    {score.current ? (
                      <CorrectScoreButton score={score} withSession onCorrect={onCorrect} />
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
