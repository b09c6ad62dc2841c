import { describe, expect, it } from "vitest";
import { elements, renderHtml, textOf } from "../../../test/static-render";
import { THERAPIST_A, THERAPIST_B, summaryOf } from "../test-fixtures";
import { formatRating, overdueText, shareText, TherapistSummaryTable } from "./therapist-summary-table";

function rowsOf(html: string) {
  const headers = elements(elements(html, "thead")[0]?.inner ?? "", "th").map((th) => th.text);
  return elements(elements(html, "tbody")[0]?.inner ?? "", "tr").map((row) => {
    const cells = [...row.inner.matchAll(/<(th|td)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((cell) => cell[0]);
    return Object.fromEntries(headers.map((header, index) => [header, cells[index] ?? ""]));
  });
}

const measured = summaryOf({});
const unmeasured = summaryOf({
  therapist: THERAPIST_B,
  activeClients: 2,
  measuredCourses: 0,
  responseShare: null,
  remissionShare: null,
  openRiskFlags: 2,
  overdueItems: 1,
  fidelityAverage: null,
  fidelityRatings: 0,
});

describe("supervisees at a glance", () => {
  it("says plainly when no supervisee is assigned (no empty table)", () => {
    const html = renderHtml(<TherapistSummaryTable summaries={[]} />);
    expect(elements(html, "table")).toHaveLength(0);
    expect(elements(html, "p")[0]?.text).toBe("No supervisees are assigned to you yet.");
  });

  it("has a caption and scoped headers, and states the fidelity pass mark with its sources", () => {
    const html = renderHtml(<TherapistSummaryTable summaries={[measured]} />);
    expect(elements(html, "caption")[0]?.text).toBe("Supervisees at a glance");
    expect(elements(elements(html, "thead")[0]?.inner ?? "", "th").map((th) => th.text)).toEqual([
      "Therapist",
      "Active clients",
      "Response",
      "Remission",
      "Open risk flags",
      "Overdue items",
      "Fidelity",
    ]);
    expect(html).toContain('<th scope="row">');
    expect(textOf(html)).toContain("the pass mark is 3.0 Sources: [S12a] [S12b]");
  });

  it("shows shares of the measured courses, risk in red words, overdue clients and the fidelity average", () => {
    const [a, b] = rowsOf(renderHtml(<TherapistSummaryTable summaries={[measured, unmeasured]} />));
    expect(textOf(a?.["Active clients"] ?? "")).toBe("4");
    expect(textOf(a?.Response ?? "")).toBe("50% of 4");
    expect(textOf(a?.Remission ?? "")).toBe("25% of 4");
    expect(textOf(a?.["Open risk flags"] ?? "")).toBe("None");
    expect(textOf(a?.["Overdue items"] ?? "")).toBe("None");
    expect(textOf(a?.Fidelity ?? "")).toBe("3.4 Meets pass mark 3.0 5 supervisor ratings");

    expect(textOf(b?.Response ?? "")).toBe("No measured courses");
    expect(textOf(b?.Remission ?? "")).toBe("No measured courses");
    expect(b?.["Open risk flags"]).toContain("badge--flag-red");
    expect(textOf(b?.["Open risk flags"] ?? "")).toBe("! Urgent: 2 open");
    expect(textOf(b?.["Overdue items"] ?? "")).toBe("1 client");
    expect(textOf(b?.Fidelity ?? "")).toBe("Not rated yet");
  });

  it("never rounds a rating up to the pass mark", () => {
    const [row] = rowsOf(
      renderHtml(
        <TherapistSummaryTable summaries={[summaryOf({ fidelityAverage: 2.96, fidelityRatings: 1 })]} />,
      ),
    );
    expect(textOf(row?.Fidelity ?? "")).toBe("2.96 Below pass mark 3.0 1 supervisor rating");
    expect(formatRating(3)).toBe("3.0");
    expect(formatRating(4.25)).toBe("4.25");
  });

  it("links each therapist's name to the cockpit filtered to them, marking the one shown", () => {
    const html = renderHtml(
      <TherapistSummaryTable summaries={[measured, unmeasured]} selectedTherapistId={THERAPIST_B.id} />,
    );
    const links = elements(html, "a");
    expect(links.map((link) => link.text)).toEqual([THERAPIST_A.name, THERAPIST_B.name]);
    expect(links[0]?.attrs.href).toBe(`/supervision?therapistId=${THERAPIST_A.id}`);
    expect(links[0]?.attrs["aria-current"]).toBeUndefined();
    expect(links[1]?.attrs["aria-current"]).toBe("true");
    expect(textOf(rowsOf(html)[1]?.Therapist ?? "")).toBe(
      `${THERAPIST_B.name} Their clients are shown below`,
    );
  });

  it("words shares and overdue counts", () => {
    expect(shareText(1, 3)).toBe("100% of 3");
    expect(shareText(0, 2)).toBe("0% of 2");
    expect(shareText(null, 0)).toBeNull();
    expect(overdueText(0)).toBe("None");
    expect(overdueText(3)).toBe("3 clients");
  });
});
