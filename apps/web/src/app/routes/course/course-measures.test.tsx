// The Measures tab's interpersonal timeline through the route: the onset from the course, the life
// events from the inventory (read only by the client's therapist), the scores from the measures.
import { courseDetail, courseMeasures, inventoryResponse, type CourseDetail } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, stubFetch } from "../../../test/fetch-stub";
import { courseOf, testId } from "../../../test/fixtures";
import { textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { courseWith, score } from "../../../features/measures/test-fixtures";
import { CourseMeasuresRoute } from "./course-measures";

function stubbed(canWrite: boolean, course: Partial<CourseDetail> = {}) {
  const measures = courseWith([score(1, "phq9", 1, 16)], [], 8, canWrite);
  const courseId = measures.courseId;
  const api = stubFetch()
    .on(`GET /api/courses/${courseId}/measures`, json(courseMeasures, measures))
    .on(
      `GET /api/courses/${courseId}`,
      json(courseDetail, courseOf({ id: courseId, episodeOnsetOn: "2026-01-10", ...course })),
    )
    .on(
      `GET /api/clients/${measures.client.id}/inventory`,
      json(inventoryResponse, {
        people: [],
        lifeEvents: [
          {
            id: testId(701),
            occurredOn: "2025-12-01",
            kind: "death",
            description: "Invented: an aunt died.",
            personId: null,
            version: 1,
          },
        ],
      }),
    );
  const route = { route: `/courses/${courseId}/measures`, path: "/courses/:courseId/measures" };
  return { api, measures, route };
}

const timeline = async () =>
  // The route waits for three answers and renders the chart first: on a loaded machine that can take
  // longer than findBy's default second.
  within(await screen.findByRole("list", { name: "Interpersonal timeline" }, { timeout: 5000 }))
    .getAllByRole("listitem")
    .map(textOf);

describe("the Measures tab's interpersonal timeline", () => {
  it("shows the therapist the life events, the onset and the scores in date order", async () => {
    const { route } = stubbed(true);
    renderWithProviders(<CourseMeasuresRoute />, route);
    const items = await timeline();
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/Death: Invented: an aunt died\. — 6 weeks before the episode began$/);
    expect(items[1]).toMatch(/The episode began$/);
    expect(items[2]).toMatch(/Session 1: PHQ-9 16/);
  });

  it("shows a supervisor the onset and the scores without asking for the inventory", async () => {
    const { api, measures, route } = stubbed(false);
    renderWithProviders(<CourseMeasuresRoute />, route);
    const items = await timeline();
    expect(items.map((item) => item.replace(/^.*?(The episode|Session)/, "$1"))).toEqual([
      "The episode began",
      "Session 1: PHQ-9 16 (Moderately severe)",
    ]);
    expect(screen.getByText(/life events are in the therapist’s interpersonal inventory/)).toBeTruthy();
    expect(api.sent(`GET /api/clients/${measures.client.id}/inventory`)).toEqual([]);
  });

  it("marks the problem area's key events apart: a grief course's death, in the list and on the chart", async () => {
    const { route } = stubbed(true, { primaryArea: "grief" });
    renderWithProviders(<CourseMeasuresRoute />, route);
    const items = await timeline();
    expect(items[0]).toMatch(
      /Key event of the problem area Death: Invented: an aunt died\. — 6 weeks before the episode began/,
    );
    const chart = screen.getByRole("img", { name: /^PHQ-9/ });
    expect(chart.getAttribute("aria-label")).toContain(
      "Key events of the problem area: Death (2025-12-01, before session 1).",
    );
    // A key event is not marked a second time as a life event.
    expect(chart.getAttribute("aria-label")).not.toMatch(/Marked on the session axis: .*Death/);
  });

  it("shows a supervisor the dispute's recorded stage changes as key events", async () => {
    const { route } = stubbed(false, {
      primaryArea: "role_dispute",
      disputeStage: "renegotiation",
      problemAreaChanges: [
        {
          id: testId(801),
          changedAt: "2026-02-20T10:00:00.000Z",
          changedBy: { id: testId(802), name: "Invented Therapist", email: "invented@clinic.example" },
          fromPrimary: "role_dispute",
          toPrimary: "role_dispute",
          fromSecondary: null,
          toSecondary: null,
          fromStage: "impasse",
          toStage: "renegotiation",
          reason: "Invented: talking again.",
        },
      ],
    });
    renderWithProviders(<CourseMeasuresRoute />, route);
    const items = await timeline();
    expect(items.find((item) => item.includes("Dispute stage: Renegotiation"))).toContain(
      "Key event of the problem area",
    );
  });
});
