import { ITEM9_FOLLOW_UP } from "@ipt/shared";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { definitionOf, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { followUp, riskFlag } from "../test-fixtures";
import { orderRiskFlags, RiskFlagPanel, riskFlagState, riskFlagStateText } from "./risk-flag-panel";

const needsFollowUp = riskFlag();
const followedUp = riskFlag({
  id: "00000000-0000-4000-8000-000000000501",
  followUps: [followUp()],
  version: 2,
});
const resolved = riskFlag({
  id: "00000000-0000-4000-8000-000000000502",
  followUps: [followUp()],
  resolvedAt: "2026-09-20T09:00:00.000Z",
  resolvedBy: { id: "6f1c1f8e-2f57-4c8a-9d3e-0d1f6c3b9a10", name: "Tess Marlowe", email: "tess@example.org" },
  resolutionReason: "Reviewed at sessions 2 to 8; no current risk.",
  raisedAt: "2026-08-01T10:00:00.000Z",
});

function renderPanel(flag = needsFollowUp, canWrite = true, allowResolve = true) {
  return renderWithProviders(
    <RiskFlagPanel
      flag={flag}
      canWrite={canWrite}
      allowResolve={allowResolve}
      onRecordFollowUp={() => undefined}
      onResolve={() => undefined}
    />,
  );
}

/** The panel's buttons, after rendering `flag` alone. */
function buttonsFor(...args: Parameters<typeof renderPanel>) {
  const { unmount } = renderPanel(...args);
  const texts = screen.queryAllByRole("button").map(textOf);
  unmount();
  return texts;
}

describe("a risk flag's state", () => {
  it("is said in words", () => {
    expect(riskFlagState(needsFollowUp)).toBe("follow_up_needed");
    expect(riskFlagStateText(needsFollowUp)).toBe("Follow-up needed");
    expect(riskFlagStateText(followedUp)).toBe("Follow-up recorded — flag open until resolved");
    expect(riskFlagStateText(resolved)).toMatch(
      /^Resolved on .+ by Tess Marlowe: Reviewed at sessions 2 to 8; no current risk\.$/,
    );
  });

  it("puts flags needing a follow-up first, then open ones, then resolved ones", () => {
    expect(orderRiskFlags([resolved, followedUp, needsFollowUp]).map(riskFlagState)).toEqual([
      "follow_up_needed",
      "open",
      "resolved",
    ]);
  });
});

describe("RiskFlagPanel", () => {
  it("is an alert while a follow-up is needed, saying the answer and that signing waits for it", () => {
    const { container } = renderPanel();
    const alert = screen.getByRole("alert");
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe("! Risk flag: PHQ-9 item 9");
    expect(alert.getAttribute("aria-labelledby")).toBe(screen.getByRole("heading", { level: 3 }).id);
    const text = textOf(container);
    expect(text).toContain("was answered 1 Several days");
    expect(text).toContain("A safety follow-up is required before the session can be signed.");
    expect(text).toContain(ITEM9_FOLLOW_UP.text);
    expect(screen.getAllByRole("button").map(textOf)).toEqual(["Record safety follow-up"]);
  });

  it("lists the follow-ups and offers to resolve once one is recorded", () => {
    const { container } = renderPanel(followedUp);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("region", { name: "Risk flag: PHQ-9 item 9" })).toBeTruthy();
    expect(screen.getByText("Follow-up recorded — flag open until resolved")).toBeTruthy();
    expect(definitionOf(container, "Current risk level (clinician’s judgement)")).toBe("Low");
    expect(definitionOf(container, "Safety plan")).toBe("Made a safety plan");
    expect(definitionOf(container, "Supervisor informed")).toBe("Yes");
    expect(screen.getAllByRole("button").map(textOf)).toEqual([
      "Record safety follow-up",
      "Resolve risk flag",
    ]);
  });

  it("offers no Resolve where resolving is not allowed", () => {
    expect(buttonsFor(followedUp, true, false)).toEqual(["Record safety follow-up"]);
  });

  it("shows no write buttons to a reader, nor on a resolved flag", () => {
    expect(buttonsFor(needsFollowUp, false)).toEqual([]);
    expect(buttonsFor(followedUp, false)).toEqual([]);
    renderPanel(resolved);
    expect(screen.queryAllByRole("button")).toEqual([]);
    expect(screen.getByText(/^Resolved on/)).toBeTruthy();
  });

  it("an escalated flag says why and offers no Resolve until a supervisor has acknowledged it", () => {
    const escalated = riskFlag({
      ...followedUp,
      followUps: [followUp({ riskLevel: "high" })],
      escalation: {
        reasons: [{ code: "high_risk", since: "2026-09-01T11:05:00.000Z" }],
        awaitingAcknowledgement: true,
        acknowledgedAt: null,
        acknowledgedBy: null,
      },
    });
    expect(buttonsFor(escalated)).toEqual(["Record safety follow-up"]);
    renderPanel(escalated);
    expect(screen.getByText("The follow-up judged the risk high.", { exact: false })).toBeTruthy();
    expect(screen.getByText(/^Awaiting a supervisor’s acknowledgement/)).toBeTruthy();
  });

  it("names the supervisor who acknowledged the flag and when, and offers Resolve again", () => {
    const acknowledged = riskFlag({
      ...followedUp,
      escalation: {
        reasons: [{ code: "high_risk", since: "2026-09-01T11:05:00.000Z" }],
        awaitingAcknowledgement: false,
        acknowledgedAt: "2026-09-01T12:00:00.000Z",
        acknowledgedBy: {
          id: "6f1c1f8e-2f57-4c8a-9d3e-0d1f6c3b9a11",
          name: "Sam Supervisor",
          email: "s@example.org",
          external: null,
        },
      },
    });
    expect(buttonsFor(acknowledged)).toEqual(["Record safety follow-up", "Resolve risk flag"]);
    renderPanel(acknowledged);
    expect(textOf(screen.getByText(/^Acknowledged by Sam Supervisor on/))).toMatch(
      /^Acknowledged by Sam Supervisor on .*2026.*\.$/,
    );
  });

  it("names an acknowledgement imported from another instance by its reference (docs/decisions/018)", () => {
    const imported = riskFlag({
      ...followedUp,
      escalation: {
        reasons: [{ code: "high_risk", since: "2026-09-01T11:05:00.000Z" }],
        awaitingAcknowledgement: false,
        acknowledgedAt: "2026-09-01T12:00:00.000Z",
        acknowledgedBy: { id: null, name: "Imported: sup-7", email: "", external: "sup-7" },
      },
    });
    expect(buttonsFor(imported)).toEqual(["Record safety follow-up", "Resolve risk flag"]);
    renderPanel(imported);
    expect(textOf(screen.getByText(/^Acknowledged by Imported: sup-7 on/))).toMatch(
      /^Acknowledged by Imported: sup-7 on .*2026.*\.$/,
    );
  });
});
