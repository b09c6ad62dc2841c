import { instruments, type Instrument, type MeasureScore, type SessionDetail } from "@ipt/shared";
import { useState } from "react";
import { Link } from "react-router";
import { LiveStatus } from "../../../components/states";
import { TableWrap } from "../../../components/table-wrap";
import { paths } from "../../../config/paths";
import { formatDateTime } from "../../../lib/format";
import { CorrectColumnHeader, CorrectScoreButton, CorrectScoreDialog } from "./correct-score-dialog";
import { correctionSavedMessage, instrumentName, scoreSavedMessage, scoreSource } from "./labels";
import { MeasureEntryForm, recordLabel } from "./measure-entry-form";
import { riskFlagHeadingId, RiskFlagList } from "./risk-flag-panel";
import "./measures.css";

/** "Completed by the client" with the time they sent it, or who entered the score. */
export function ScoreSource({ score }: { score: Pick<MeasureScore, "completedByClientAt" | "enteredBy"> }) {
  const { who, at } = scoreSource(score);
  return at ? (
    <span className="score-source score-source--client">
      {who} <span className="cell__note">{formatDateTime(at)}</span>
    </span>
  ) : (
    <span className="muted">{who}</span>
  );
}

/** Why no score can be recorded at this session now, or null when one can. */
export function recordingBlockedReason(session: Pick<SessionDetail, "status" | "course">): string | null {
  if (session.course.phase === "completed") return "The course has ended, so no new scores can be recorded.";
  if (session.status === "cancelled") return "Scores cannot be recorded at a cancelled session.";
  if (session.status !== "held") return "Mark the session as held to record scores.";
  return null;
}

/**
 * The scores recorded at this session: total and band, with a note when one corrects an earlier
 * score. Without `onCorrect` (a supervisor's review) it is read only.
 */
export function SessionScores({
  scores,
  onCorrect,
}: {
  scores: readonly MeasureScore[];
  onCorrect?: (score: MeasureScore) => void;
}) {
  const caption = "Scores recorded at this session";
  return (
    <TableWrap label={caption}>
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">Total</th>
            <th scope="col">Severity</th>
            <th scope="col">Notes</th>
            {onCorrect ? <CorrectColumnHeader /> : null}
          </tr>
        </thead>
        <tbody>
          {scores.map((score) => (
            <tr key={score.id}>
              <th scope="row">{instrumentName(score)}</th>
              <td>{score.total}</td>
              <td>{score.band.label}</td>
              <td>
                {score.correctsId ? (
                  <>
                    Correction of an earlier score
                    {score.correctionReason ? `: ${score.correctionReason}` : ""}
                  </>
                ) : (
                  <ScoreSource score={score} />
                )}
              </td>
              {onCorrect ? (
                <td>
                  <CorrectScoreButton score={score} withSession={false} onCorrect={onCorrect} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/**
 * The session page's Measures section: risk flags raised here (first: they block signing), the
 * scores recorded at this session, and the buttons that open the entry form. The session page is
 * the client's therapist's, so the viewer may write.
 */
export function SessionMeasures({
  session,
  headingId,
  onReload,
}: {
  session: SessionDetail;
  /** The section heading, which takes focus when the form closes. */
  headingId: string;
  onReload?: () => Promise<unknown>;
}) {
  const [entering, setEntering] = useState<Instrument | null>(null);
  const [correcting, setCorrecting] = useState<MeasureScore | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const courseId = session.course.id;
  const blocked = recordingBlockedReason(session);
  const recorded = new Set(session.scores.map((score) => score.instrument));
  const toRecord = instruments.filter((instrument) => !recorded.has(instrument));

  const focusAfterSave = (riskFlagId: string | null) => {
    requestAnimationFrame(() =>
      document.getElementById(riskFlagId ? riskFlagHeadingId(riskFlagId) : headingId)?.focus(),
    );
  };

  return (
    <div className="stack">
      <LiveStatus message={status} />
      {session.riskFlags.length > 0 ? (
        <RiskFlagList flags={session.riskFlags} canWrite allowResolve onReload={onReload} />
      ) : null}

      {session.scores.length > 0 ? (
        <SessionScores
          scores={session.scores}
          onCorrect={(score) => {
            setStatus(null);
            setCorrecting(score);
          }}
        />
      ) : (
        <p className="muted">No scores recorded at this session.</p>
      )}

      {entering ? (
        <MeasureEntryForm
          key={entering}
          instrument={entering}
          courseId={courseId}
          sessionId={session.id}
          onReload={onReload}
          onCancel={() => {
            setEntering(null);
            focusAfterSave(null);
          }}
          onSaved={(result) => {
            setEntering(null);
            setStatus(scoreSavedMessage(result));
            focusAfterSave(result.riskFlag?.id ?? null);
          }}
        />
      ) : blocked ? (
        <p>{blocked}</p>
      ) : toRecord.length > 0 ? (
        <div className="button-row button-row--tight">
          {toRecord.map((instrument) => (
            <button
              key={instrument}
              type="button"
              className="button button--secondary"
              onClick={() => {
                setStatus(null);
                setEntering(instrument);
              }}
            >
              {recordLabel(instrument)}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted">Every measure has a score at this session; use Correct to change one.</p>
      )}

      <p>
        <Link to={paths.clinical.courseMeasures.getHref(courseId)}>Scores and trend for this course</Link>
      </p>

      <CorrectScoreDialog
        score={correcting}
        courseId={courseId}
        onReload={onReload}
        onClose={() => setCorrecting(null)}
        onSaved={(result) => {
          setCorrecting(null);
          setStatus(correctionSavedMessage(result));
          if (result.riskFlag) focusAfterSave(result.riskFlag.id);
        }}
      />
    </div>
  );
}
