import { describe, expect, it } from "vitest";
import { elements, renderHtml, textOf } from "../../../test/static-render";
import { nonResponseRow, quietRow, riskRow } from "../test-fixtures";
import { CockpitTable, overdueItems } from "./cockpit-table";

type Rows = Parameters<typeof CockpitTable>[0]["rows"];

function tableOf(items: Rows) {
  const html = renderHtml(<CockpitTable rows={items} />);
  const headers = elements(elements(html, "thead")[0]?.inner ?? "", "th").map((th) => th.text);
  const bodyRows = [...(elements(html, "tbody")[0]?.inner ?? "").matchAll(/<tr\b([^>]*)>([\s\S]*?)<\/tr>/g)];
  const rows = bodyRows.map((row) => {
    const cells = [...(row[2] ?? "").matchAll(/<(th|td)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((cell) => cell[0]);
    return {
      rowAttrs: row[1] ?? "",
      cell: Object.fromEntries(headers.map((header, index) => [header, cells[index] ?? ""])),
    };
  });
  return { html, headers, rows };
}

describe("supervisor's cockpit table", () => {
  it("has a caption, scoped column headers in order, and one row header per client", () => {
    const { html, headers } = tableOf([riskRow]);
    expect(elements(html, "caption")[0]?.text).toBe("Active clients of your supervisees, most urgent first");
    expect(headers).toEqual([
      "Client",
      "Therapist",
      "Phase",
      "Session",
      "Latest PHQ-9",
      "Change from baseline",
      "Outcome",
      "Flags",
      "Overdue",
      "Last activity",
    ]);
    expect(html.match(/<th scope="col">/g)).toHaveLength(10);
    expect(html.match(/<th scope="row">/g)).toHaveLength(1);
  });

  it("keeps the urgency order the API gives (it never re-sorts)", () => {
    const clients = (items: Rows) => tableOf(items).rows.map((row) => textOf(row.cell.Client ?? ""));
    expect(clients([riskRow, nonResponseRow, quietRow])).toEqual([
      "Review Client 1 (invented) Standard IPT",
      "Review Client 2 (invented) Brief IPT (IPT-B)",
      "Review Client 3 (invented) Standard IPT",
    ]);
    expect(clients([quietRow, riskRow])[0]).toContain("Client 3 (invented)");
  });

  it("shows an open risk flag first, in red and in words, and marks the row", () => {
    const [risk, nonResponse] = tableOf([riskRow, nonResponseRow]).rows;
    const badges = elements(risk?.cell.Flags ?? "", "li");
    expect(badges[0]?.inner).toContain("badge--flag-red");
    expect(badges[0]?.text).toBe("Urgent: PHQ-9 item 9");
    expect(badges[1]?.text).toBe("Review: Measures due");
    expect(risk?.rowAttrs).toContain("row--risk");
    expect(nonResponse?.rowAttrs).not.toContain("row--risk");
    expect(nonResponse?.cell.Flags).not.toContain("badge--flag-red");
    expect(elements(nonResponse?.cell.Flags ?? "", "li").map((li) => li.text)).toEqual([
      "Review: Early non-response",
      "Review: Ending not raised",
    ]);
  });

  it("lists what is overdue in words", () => {
    const [risk, nonResponse, quiet] = tableOf([riskRow, nonResponseRow, quietRow]).rows;
    expect(elements(risk?.cell.Overdue ?? "", "li").map((li) => li.text)).toEqual([
      "Measures overdue",
      "2 unsigned sessions",
    ]);
    expect(elements(nonResponse?.cell.Overdue ?? "", "li").map((li) => li.text)).toEqual([
      "1 unsigned session",
      "Ending not raised",
    ]);
    expect(textOf(quiet?.cell.Overdue ?? "")).toBe("None");
    expect(overdueItems({ measures: true, unsignedSessions: 3, terminationNotRaised: true })).toEqual([
      "Measures overdue",
      "3 unsigned sessions",
      "Ending not raised",
    ]);
  });

  it("shows where the course stands: therapist, phase, session n of N, PHQ-9, change, outcome, last activity", () => {
    const [risk, , quiet] = tableOf([riskRow, nonResponseRow, quietRow]).rows;
    expect(textOf(risk?.cell.Therapist ?? "")).toBe("Therapist B (invented)");
    expect(textOf(risk?.cell.Phase ?? "")).toBe("Middle phase");
    expect(textOf(risk?.cell.Session ?? "")).toBe("5 of 12");
    expect(textOf(risk?.cell["Latest PHQ-9"] ?? "")).toBe(
      "18 Moderately severe Session 4 Scores and risk for Client 1 (invented)",
    );
    expect(textOf(risk?.cell["Change from baseline"] ?? "")).toBe("+2 (12.5% higher)");
    expect(textOf(risk?.cell.Outcome ?? "")).toBe("No response");
    expect(risk?.cell["Last activity"]).toContain('dateTime="2026-03-02T10:00:00.000Z"');
    expect(textOf(risk?.cell["Last activity"] ?? "")).toMatch(/2026/);

    expect(textOf(quiet?.cell.Phase ?? "")).toBe("Initial phase");
    expect(textOf(quiet?.cell.Session ?? "")).toBe("0 of 16");
    expect(textOf(quiet?.cell["Latest PHQ-9"] ?? "")).toBe("None Scores and risk for Client 3 (invented)");
    expect(textOf(quiet?.cell["Change from baseline"] ?? "")).toBe("None");
    expect(textOf(quiet?.cell.Outcome ?? "")).toBe("No scores yet");
    expect(textOf(quiet?.cell.Flags ?? "")).toBe("None");
    expect(textOf(quiet?.cell["Last activity"] ?? "")).toBe("None yet");
  });

  it("links the client to the read-only review and the scores to the measures page", () => {
    const [risk] = tableOf([riskRow]).rows;
    const links = elements(risk?.cell.Client ?? "", "a");
    expect(links[0]?.attrs.href).toBe(`/supervision/courses/${riskRow.course.id}`);
    expect(links[0]?.text).toBe("Review Client 1 (invented)");
    const measures = elements(risk?.cell["Latest PHQ-9"] ?? "", "a");
    expect(measures[0]?.attrs.href).toBe(`/courses/${riskRow.course.id}/measures`);
    expect(measures[0]?.text).toBe("Scores and risk for Client 1 (invented)");
  });
});
