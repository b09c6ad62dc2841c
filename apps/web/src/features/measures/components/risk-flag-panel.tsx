import {
  instrumentDefinitions,
  ITEM9_FOLLOW_UP,
  PHQ9_RISK_ITEM,
  type RiskFlagDetail,
  type SafetyFollowUp,
} from "@ipt/shared";
import { useState } from "react";
import { SourceTags } from "../../../components/clinical/source-tags";
import { LiveStatus } from "../../../components/states";
import { formatDateTime } from "../../../lib/format";
import { item9AnswerLabel, riskLevelLabels, safetyPlanLabels, sessionLabel } from "./labels";
import { CrisisSteps } from "./crisis-steps";
import { ResolveRiskFlagDialog } from "./resolve-risk-flag-dialog";
import { RiskEscalationNote } from "./risk-escalation-note";
import { SafetyFollowUpDialog } from "./safety-follow-up-form";
import "./measures.css";

export type RiskFlagState = "follow_up_needed" | "open" | "resolved";

export function riskFlagState(flag: RiskFlagDetail): RiskFlagState {
  if (flag.resolvedAt) return "resolved";
  return flag.followUps.length === 0 ? "follow_up_needed" : "open";
}

/** The flag's state in words (never colour alone). */
export function riskFlagStateText(flag: RiskFlagDetail): string {
  switch (riskFlagState(flag)) {
    case "follow_up_needed":
      return "Follow-up needed";
    case "open":
      return "Follow-up recorded — flag open until resolved";
    case "resolved":
      return `Resolved on ${formatDateTime(flag.resolvedAt ?? "")}${flag.resolvedBy ? ` by ${flag.resolvedBy.name}` : ""}: ${flag.resolutionReason ?? ""}`;
  }
}

/** Open flags first (those still needing a follow-up before the rest), then resolved ones; oldest first within each. */
export function orderRiskFlags(flags: readonly RiskFlagDetail[]): RiskFlagDetail[] {
  const rank: Record<RiskFlagState, number> = { follow_up_needed: 0, open: 1, resolved: 2 };
  return [...flags].sort(
    (a, b) => rank[riskFlagState(a)] - rank[riskFlagState(b)] || a.raisedAt.localeCompare(b.raisedAt),
  );
}

export const riskFlagHeadingId = (flagId: string) => `risk-flag-${flagId}`;

const riskItemText = instrumentDefinitions.phq9.items[PHQ9_RISK_ITEM - 1]?.text ?? "";

function FollowUpRecord({ followUp }: { followUp: SafetyFollowUp }) {
  return (
    <dl className="summary risk-flag__follow-up">
      <div className="summary__row">
        <dt>When</dt>
        <dd>
          <time dateTime={followUp.followedUpAt}>{formatDateTime(followUp.followedUpAt)}</time>
        </dd>
      </div>
      <div className="summary__row">
        <dt>Current risk level (clinician’s judgement)</dt>
        <dd>{riskLevelLabels[followUp.riskLevel]}</dd>
      </div>
      <div className="summary__row">
        <dt>Actions taken</dt>
        <dd className="prewrap">{followUp.actionsTaken}</dd>
      </div>
      <div className="summary__row">
        <dt>Safety plan</dt>
        <dd>{safetyPlanLabels[followUp.safetyPlan]}</dd>
      </div>
      <div className="summary__row">
        <dt>Supervisor informed</dt>
        <dd>
          {followUp.supervisorInformed ? "Yes" : "No"}
          {followUp.supervisor ? ` (${followUp.supervisor.name})` : ""}
        </dd>
      </div>
      <div className="summary__row">
        <dt>Recorded by</dt>
        <dd>
          {followUp.recordedBy.name} on{" "}
          <time dateTime={followUp.createdAt}>{formatDateTime(followUp.createdAt)}</time>
        </dd>
      </div>
    </dl>
  );
}

/**
 * One risk flag: what raised it, its state, its follow-ups, and (for the client's therapist) what
 * to do next. While it still needs a follow-up it is an alert region, so it is announced when it
 * appears; it stays on the page, in words and colour, until resolved.
 */
export function RiskFlagPanel({
  flag,
  canWrite,
  allowResolve,
  onRecordFollowUp,
  onResolve,
}: {
  flag: RiskFlagDetail;
  canWrite: boolean;
  allowResolve: boolean;
  onRecordFollowUp: (flag: RiskFlagDetail) => void;
  onResolve: (flag: RiskFlagDetail) => void;
}) {
  const state = riskFlagState(flag);
  const headingId = riskFlagHeadingId(flag.id);
  return (
    <section
      className={`risk-flag risk-flag--${state}`}
      aria-labelledby={headingId}
      role={state === "follow_up_needed" ? "alert" : undefined}
    >
      <h3 id={headingId} className="risk-flag__title" tabIndex={-1}>
        <span aria-hidden="true">! </span>Risk flag: PHQ-9 item {PHQ9_RISK_ITEM}
      </h3>
      <p>
        {sessionLabel(flag.sessionNumber)}, raised{" "}
        <time dateTime={flag.raisedAt}>{formatDateTime(flag.raisedAt)}</time>. Item {PHQ9_RISK_ITEM} (“
        {riskItemText}”) was answered <strong>{item9AnswerLabel(flag.itemValue)}</strong>.
      </p>
      <p className="risk-flag__state">
        <strong>{riskFlagStateText(flag)}</strong>
      </p>
      {state === "follow_up_needed" ? (
        <p>
          A safety follow-up is required before the session can be signed. {ITEM9_FOLLOW_UP.text}{" "}
          <SourceTags tags={ITEM9_FOLLOW_UP.sources} />
        </p>
      ) : null}
      {state === "resolved" ? null : <CrisisSteps />}
      <RiskEscalationNote escalation={flag.escalation} />
      {flag.followUps.length > 0 ? (
        <>
          <h4 className="risk-flag__subtitle">
            {flag.followUps.length === 1
              ? "Safety follow-up"
              : `Safety follow-ups (${flag.followUps.length})`}
          </h4>
          <ol className="risk-flag__follow-ups">
            {flag.followUps.map((followUp) => (
              <li key={followUp.id}>
                <FollowUpRecord followUp={followUp} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {canWrite && state !== "resolved" ? (
        <div className="button-row button-row--tight">
          <button
            type="button"
            className={state === "follow_up_needed" ? "button" : "button button--secondary"}
            onClick={() => onRecordFollowUp(flag)}
          >
            Record safety follow-up
          </button>
          {allowResolve && state === "open" && !flag.escalation.awaitingAcknowledgement ? (
            <button type="button" className="button button--secondary" onClick={() => onResolve(flag)}>
              Resolve risk flag
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/**
 * Risk flags with the follow-up and resolve dialogs. After a save, focus goes back to the flag's
 * heading and the change is announced.
 */
export function RiskFlagList({
  flags,
  canWrite,
  allowResolve,
  onReload,
}: {
  flags: readonly RiskFlagDetail[];
  canWrite: boolean;
  allowResolve: boolean;
  onReload?: () => Promise<unknown>;
}) {
  const [followingUp, setFollowingUp] = useState<RiskFlagDetail | null>(null);
  const [resolving, setResolving] = useState<RiskFlagDetail | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const focusFlag = (flagId: string) => {
    // After the dialog has closed and returned focus, so the flag's heading keeps it.
    requestAnimationFrame(() => document.getElementById(riskFlagHeadingId(flagId))?.focus());
  };
  return (
    <>
      <LiveStatus message={status} />
      {orderRiskFlags(flags).map((flag) => (
        <RiskFlagPanel
          key={flag.id}
          flag={flag}
          canWrite={canWrite}
          allowResolve={allowResolve}
          onRecordFollowUp={(chosen) => {
            setStatus(null);
            setFollowingUp(chosen);
          }}
          onResolve={(chosen) => {
            setStatus(null);
            setResolving(chosen);
          }}
        />
      ))}
      {canWrite ? (
        <>
          <SafetyFollowUpDialog
            flag={followingUp}
            onClose={() => setFollowingUp(null)}
            onSaved={(saved) => {
              setFollowingUp(null);
              setStatus("Safety follow-up saved. The flag stays open until it is resolved.");
              focusFlag(saved.id);
            }}
          />
          <ResolveRiskFlagDialog
            flag={resolving}
            onReload={onReload}
            onClose={() => setResolving(null)}
            onSaved={(saved) => {
              setResolving(null);
              setStatus("The risk flag has been resolved.");
              focusFlag(saved.id);
            }}
          />
        </>
      ) : null}
    </>
  );
}
