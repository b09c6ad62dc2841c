import type { Flag } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { elements, renderHtml, textOf } from "../../test/static-render";
import { FlagBadges, FlagNotices } from "./flag-badges";

const flags: Flag[] = [
  { code: "risk_item9", severity: "red", message: "Item 9 above 0 at session 3.", sources: ["S25l"] },
  { code: "measures_overdue", severity: "amber", message: "PHQ-9 was due at session 4.", sources: ["S12b"] },
  { code: "secondary_area", severity: "notice", message: "Two areas chosen.", sources: ["S2"] },
];

describe("flag badges", () => {
  it("says each flag's severity in words, not by colour alone, in the order given", () => {
    const items = elements(renderHtml(<FlagBadges flags={flags} />), "li").map((item) => item.text);
    expect(items).toEqual(["Urgent: PHQ-9 item 9", "Review: Measures due", "Check: Two areas"]);
  });

  it("styles red flags red and keeps the order the API gives, even when red comes later", () => {
    const reversed = [...flags].reverse();
    const html = renderHtml(<FlagBadges flags={reversed} />);
    const items = elements(html, "li");
    expect(items[0]?.inner).toContain("badge--flag-notice");
    expect(items[2]?.inner).toContain("badge--flag-red");
    expect(items[2]?.text).toContain("Urgent:");
    // The full label and message stay available as the badge's tooltip.
    expect(items[2]?.inner).toContain('title="PHQ-9 item 9 answered above 0. Item 9 above 0 at session 3."');
  });

  it("says None when there are no flags", () => {
    expect(textOf(renderHtml(<FlagBadges flags={[]} />))).toBe("None");
  });

  it("marks the notices red when one of them is red, with each message and its sources", () => {
    const html = renderHtml(<FlagNotices flags={flags} />);
    expect(html).toContain("flag-notices flag-notices--red");
    expect(textOf(html)).toContain("Urgent: PHQ-9 item 9 answered above 0 Item 9 above 0 at session 3.");
    expect(textOf(html)).toContain("[S25l]");
    expect(renderHtml(<FlagNotices flags={flags.slice(1)} />)).not.toContain("flag-notices--red");
  });
});
