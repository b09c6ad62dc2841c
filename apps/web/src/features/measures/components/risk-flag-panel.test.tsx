import { ITEM9_FOLLOW_UP } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { followUp, riskFlag } from "../test-fixtures";
import { elements, renderHtml, textOf } from "../../../test/static-render";
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

function render(flag = needsFollowUp, canWrite = true, allowResolve = true) {
  return renderHtml(
    <RiskFlagPanel
      flag={flag}
      canWrite={canWrite}
      allowResolve={allowResolve}
      onRecordFollowUp={() => undefined}
      onResolve={() => undefined}
    />,
  );
}

const buttons = (html: string) => elements(html, "button").map((button) => button.text);

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
    const html = render();
    const section = elements(html, "section")[0];
    expect(section?.attrs.role).toBe("alert");
    expect(elements(html, "h3")[0]?.text).toBe("! Risk flag: PHQ-9 item 9");
    const text = textOf(html);
    expect(text).toContain("was answered 1 Several days");
    expect(text).toContain("A safety follow-up is required before the session can be signed.");
    expect(text).toContain(ITEM9_FOLLOW_UP.text);
    expect(buttons(html)).toEqual(["Record safety follow-up"]);
  });

  it("lists the follow-ups and offers to resolve once one is recorded", () => {
    const html = render(followedUp);
    expect(elements(html, "section")[0]?.attrs.role).toBeUndefined();
    const text = textOf(html);
    expect(text).toContain("Follow-up recorded — flag open until resolved");
    expect(text).toContain("Current risk level (clinician’s judgement) Low");
    expect(text).toContain("Safety plan Made a safety plan");
    expect(text).toContain("Supervisor informed Yes");
    expect(buttons(html)).toEqual(["Record safety follow-up", "Resolve risk flag"]);
    expect(buttons(render(followedUp, true, false))).toEqual(["Record safety follow-up"]);
  });

  it("shows no write buttons to a reader, nor on a resolved flag", () => {
    expect(buttons(render(needsFollowUp, false))).toEqual([]);
    expect(buttons(render(followedUp, false))).toEqual([]);
    const html = render(resolved);
    expect(buttons(html)).toEqual([]);
    expect(textOf(html)).toContain("Resolved on");
  });
});
