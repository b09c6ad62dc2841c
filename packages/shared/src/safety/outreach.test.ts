import { describe, expect, it } from "vitest";
import { outreachGap, outreachStateOf, type OutreachInput } from "./outreach";

// Sources: [S25l][S25m] (item 9 needs follow-up; a later quiet spell does not rule risk out). The
// 4-week window, the two-no-shows trigger and "an attempt on or after the risk" are the synthesis in
// outreach.ts.
const today = "2026-03-30";
const base: OutreachInput = { flags: [], recorded: [], attemptsOn: [], today };
const held = (date: string) => ({ date, status: "held" as const });
const noShow = (date: string) => ({ date, status: "no_show" as const });

describe("outreach before closing a course with recent risk [S25l][S25m]", () => {
  it.each([
    { name: "no flag ever", input: {}, discontinue: false, close: false },
    {
      name: "an open flag raised months ago",
      input: { flags: [{ raisedOn: "2025-12-01", open: true }] },
      discontinue: true,
      close: false,
    },
    {
      name: "a resolved flag raised exactly 28 days ago (inside the window)",
      input: { flags: [{ raisedOn: "2026-03-02", open: false }] },
      discontinue: true,
      close: false,
    },
    {
      name: "a resolved flag raised 29 days ago (outside the window)",
      input: { flags: [{ raisedOn: "2026-03-01", open: false }] },
      discontinue: false,
      close: false,
    },
    {
      name: "recent risk and the last two sessions missed",
      input: {
        flags: [{ raisedOn: "2026-03-09", open: true }],
        recorded: [held("2026-03-09"), noShow("2026-03-16"), noShow("2026-03-23")],
      },
      discontinue: true,
      close: true,
    },
    {
      name: "two no-shows, then attended: not two in a row at the end",
      input: {
        flags: [{ raisedOn: "2026-03-02", open: true }],
        recorded: [noShow("2026-03-09"), noShow("2026-03-16"), held("2026-03-23")],
      },
      discontinue: true,
      close: false,
    },
    {
      name: "two no-shows without recent risk",
      input: {
        flags: [{ raisedOn: "2025-11-01", open: false }],
        recorded: [noShow("2026-03-16"), noShow("2026-03-23")],
      },
      discontinue: false,
      close: false,
    },
    {
      name: "an attempt on the day the flag was raised satisfies it",
      input: { flags: [{ raisedOn: "2026-03-09", open: true }], attemptsOn: ["2026-03-09"] },
      discontinue: false,
      close: false,
    },
    {
      name: "an attempt before the flag does not count",
      input: { flags: [{ raisedOn: "2026-03-09", open: true }], attemptsOn: ["2026-03-08"] },
      discontinue: true,
      close: false,
    },
    {
      name: "with two no-shows, an attempt counts only from the second no-show",
      input: {
        flags: [{ raisedOn: "2026-03-02", open: true }],
        recorded: [noShow("2026-03-16"), noShow("2026-03-23")],
        attemptsOn: ["2026-03-17"],
      },
      discontinue: true,
      close: true,
    },
  ])("$name → discontinue $discontinue, close $close", ({ input, discontinue, close }) => {
    const state = outreachStateOf({ ...base, ...input });
    expect(state.neededToDiscontinue).toBe(discontinue);
    expect(state.neededToClose).toBe(close);
    expect(outreachGap(state, true)?.item ?? null).toBe(discontinue ? "outreach_attempt" : null);
    expect(outreachGap(state, false)?.item ?? null).toBe(close ? "outreach_attempt" : null);
  });

  it("names the day from which an attempt counts", () => {
    const state = outreachStateOf({ ...base, flags: [{ raisedOn: "2026-03-09", open: true }] });
    expect(state.since).toBe("2026-03-09");
    expect(outreachGap(state, true)?.message).toMatch(
      /on or after 2026-03-09: the course is being discontinued/,
    );
  });
});
