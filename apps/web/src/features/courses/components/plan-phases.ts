import type { AgendaItem, SessionPhase, SessionSummary } from "@ipt/shared";

/** A run of consecutive sessions in one phase, with the agenda items all of them share. */
export interface PhasePlan {
  phase: SessionPhase | null;
  sessions: SessionSummary[];
  /** The items every session of the run has (same text), in the first session's order. */
  usual: AgendaItem[];
}

/** What one session's agenda adds to its phase's usual agenda. */
export function itemsBeyondUsual(agenda: readonly AgendaItem[], usual: readonly AgendaItem[]): AgendaItem[] {
  const usualTexts = new Set(usual.map((item) => item.text));
  return agenda.filter((item) => !usualTexts.has(item.text));
}

/**
 * The printable plan's shape: each phase once with its usual agenda, so a 16-session plan does not
 * print the same middle-phase items eight times. A phase of one session keeps its whole agenda as
 * the usual one. Cancelled sessions are left out, as on the plan.
 */
export function phasePlans(
  sessions: readonly SessionSummary[],
  agendaOf: (sessionId: string) => readonly AgendaItem[],
): PhasePlan[] {
  const runs: { phase: SessionPhase | null; sessions: SessionSummary[] }[] = [];
  for (const session of sessions) {
    if (session.status === "cancelled") continue;
    const last = runs.at(-1);
    if (last && last.phase === session.phase) last.sessions.push(session);
    else runs.push({ phase: session.phase, sessions: [session] });
  }
  return runs.map((run) => {
    const [first, ...rest] = run.sessions.map((session) => agendaOf(session.id));
    const usual = (first ?? []).filter((item) =>
      rest.every((agenda) => agenda.some((other) => other.text === item.text)),
    );
    return { ...run, usual };
  });
}
