// The grief tasks form through the DOM: each task with what to explore and its sources, the request
// it sends, an emptied note sent to be cleared, and the server's refusal shown next to the field.
import { courseDetail, type CourseDetail } from "@ipt/shared";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { COURSE_ID, courseOf } from "../../../test/fixtures";
import { expectFieldError } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { GriefTasksForm } from "./grief-tasks-form";

const COURSE = `/api/courses/${COURSE_ID}`;
const grief = courseOf({ primaryArea: "grief", phase: "middle" });
const answered = (patch: Partial<CourseDetail> = {}) =>
  json(courseDetail, { ...grief, ...patch, version: grief.version + 1 });

describe("the grief tasks form", () => {
  it("shows the three tasks with their sources, and sends every note", async () => {
    const api = stubFetch().on(`PATCH ${COURSE}/grief-tasks`, answered());
    const { user } = renderWithProviders(<GriefTasksForm course={grief} />);

    const legends = screen.getAllByRole("group").map((group) => group.querySelector("legend")?.textContent);
    expect(legends).toEqual([
      "The events around the death",
      "The relationship with the person who died, reconstructed",
      "Avoided or postponed grief",
    ]);
    expect(screen.getByText(/including guilt and anger/).textContent).toContain("[S1b]");
    expect(screen.getByText(/project synthesis/)).toBeTruthy();

    await user.type(
      screen.getByLabelText("Events before, during and after the death, and the feelings"),
      "Invented: a sudden death.",
    );
    await user.type(screen.getByLabelText("Positive aspects of the relationship"), "Invented: warmth.");
    await user.type(screen.getByLabelText("Negative aspects of the relationship"), "Invented: rows.");
    await user.click(screen.getByRole("button", { name: "Save grief tasks" }));

    expect(await screen.findByText("Grief tasks saved.")).toBeTruthy();
    expect(api.sent(`PATCH ${COURSE}/grief-tasks`)[0]?.body).toEqual({
      version: grief.version,
      deathEvents: "Invented: a sudden death.",
      relationshipPositive: "Invented: warmth.",
      relationshipNegative: "Invented: rows.",
      avoidedGrief: "",
    });
  });

  it("starts from the notes on record and sends an emptied one to be cleared", async () => {
    const recorded = courseOf({
      primaryArea: "grief",
      griefTasks: {
        deathEvents: "Invented: at home.",
        relationshipPositive: null,
        relationshipNegative: null,
        avoidedGrief: "Invented: no tears yet.",
      },
    });
    const api = stubFetch().on(`PATCH ${COURSE}/grief-tasks`, answered());
    const { user } = renderWithProviders(<GriefTasksForm course={recorded} />);
    const avoided = screen.getByLabelText("Feelings avoided or put off, and how they came out");
    expect((avoided as HTMLTextAreaElement).value).toBe("Invented: no tears yet.");
    await user.clear(avoided);
    await user.click(screen.getByRole("button", { name: "Save grief tasks" }));
    await screen.findByText("Grief tasks saved.");
    expect(api.sent(`PATCH ${COURSE}/grief-tasks`)[0]?.body).toMatchObject({
      deathEvents: "Invented: at home.",
      avoidedGrief: "",
    });
  });

  it("puts the server's refusal next to the field it names", async () => {
    stubFetch().on(
      `PATCH ${COURSE}/grief-tasks`,
      apiError(400, "validation_failed", "Some fields are not valid.", [
        { field: "body.relationshipNegative", message: "Keep this to 5,000 characters or fewer." },
      ]),
    );
    const { user } = renderWithProviders(<GriefTasksForm course={grief} />);
    await user.type(screen.getByLabelText("Negative aspects of the relationship"), "Invented.");
    await user.click(screen.getByRole("button", { name: "Save grief tasks" }));
    const field = await screen.findByLabelText("Negative aspects of the relationship");
    await screen.findByRole("alert");
    expectFieldError(field, "Keep this to 5,000 characters or fewer.");
  });

  it("uses the Stuart lineage's words for grief and loss", () => {
    stubFetch();
    renderWithProviders(<GriefTasksForm course={courseOf({ primaryArea: "grief", lineage: "stuart" })} />);
    expect(screen.getByRole("group", { name: "The events around the loss" })).toBeTruthy();
    expect(screen.getByRole("group", { name: "Avoided feelings about the loss" })).toBeTruthy();
  });
});
