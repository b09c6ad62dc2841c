// The Measures tab's interpersonal timeline through the route: the onset from the course, the life
// events from the inventory (read only by the client's therapist), the scores from the measures.
import { courseDetail, courseMeasures, inventoryResponse } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, stubFetch } from "../../../test/fetch-stub";
import { courseOf, testId } from "../../../test/fixtures";
import { textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { courseWith, score } from "../../../features/measures/test-fixtures";
import { CourseMeasuresRoute } from "./course-measures";

function stubbed(canWrite: boolean) {
  const measures = courseWith([score(1, "phq9", 1, 16)], [], 8, canWrite);
  const courseId = measures.courseId;
  const api = stubFetch()
    .on(`GET /api/courses/${courseId}/measures`, json(courseMeasures, measures))
    .on(
      `GET /api/courses/${courseId}`,
      json(courseDetail, courseOf({ id: courseId, episodeOnsetOn: "2026-01-10" })),
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
  within(await screen.findByRole("list", { name: "Interpersonal timeline" }))
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
});
