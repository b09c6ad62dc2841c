import type { Flag } from "@ipt/shared";
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { textOf } from "../../test/queries";
import { FlagBadges, FlagNotices } from "./flag-badges";

const flags: Flag[] = [
  { code: "risk_item9", severity: "red", message: "Item 9 above 0 at session 3.", sources: ["S25l"] },
  { code: "measures_overdue", severity: "amber", message: "PHQ-9 was due at session 4.", sources: ["S12b"] },
  { code: "secondary_area", severity: "notice", message: "Two areas chosen.", sources: ["S2"] },
];

describe("flag badges", () => {
  it("says each flag's severity in words, not by colour alone, briefly, in the order given", () => {
    render(<FlagBadges flags={flags} />);
    expect(screen.getAllByRole("listitem").map(textOf)).toEqual([
      "Urgent: PHQ-9 item 9",
      "Review: Measures due",
      "Check: Two areas",
    ]);
  });

  it("says the flag's own summary when the API gives one", () => {
    const summarised: Flag = { ...flags[1]!, summary: "GAD-7 not recorded at session 1" };
    render(<FlagBadges flags={[summarised]} />);
    expect(textOf(screen.getByRole("listitem"))).toBe("Review: GAD-7 not recorded at session 1");
  });

  it("styles red flags red and keeps the order the API gives, even when red comes later", () => {
    render(<FlagBadges flags={[...flags].reverse()} />);
    const items = screen.getAllByRole("listitem");
    expect(items[0]?.querySelector(".badge--flag-notice")).not.toBeNull();
    expect(items[2]?.querySelector(".badge--flag-red")).not.toBeNull();
    expect(textOf(items[2])).toContain("Urgent:");
    // The full label and message stay available as the badge's tooltip.
    const title = "PHQ-9 item 9 answered above 0. Item 9 above 0 at session 3.";
    expect(within(items[2] as HTMLElement).getByTitle(title)).toBeTruthy();
  });

  it("says None when there are no flags", () => {
    const { container } = render(<FlagBadges flags={[]} />);
    expect(textOf(container)).toBe("None");
    expect(screen.queryByRole("list")).toBeNull();
  });

  it("marks the notices red when one of them is red, with each message and its sources", () => {
    const { rerender } = render(<FlagNotices flags={flags} />);
    const list = screen.getByRole("list");
    expect(list.classList.contains("flag-notices--red")).toBe(true);
    const [first] = within(list).getAllByRole("listitem");
    expect(textOf(first)).toContain("Urgent: PHQ-9 item 9 answered above 0 Item 9 above 0 at session 3.");
    expect(textOf(first)).toContain("[S25l]");
    rerender(<FlagNotices flags={flags.slice(1)} />);
    expect(screen.getByRole("list").classList.contains("flag-notices--red")).toBe(false);
  });
});
