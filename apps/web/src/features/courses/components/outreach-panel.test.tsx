// Outreach attempts through the DOM [S25l][S25m]: what the course needs first, what is refused before
// sending, and the request sent.
import { courseDetail, type CourseDetail } from "@ipt/shared";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, stubFetch } from "../../../test/fetch-stub";
import { COURSE_ID, courseOf } from "../../../test/fixtures";
import { expectFieldError } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { OutreachPanel } from "./outreach-panel";

const risky: CourseDetail = courseOf({
  outreach: { ...courseOf().outreach, riskRecent: true, since: "2026-09-03", neededToDiscontinue: true },
});
const URL = `POST /api/courses/${COURSE_ID}/outreach-attempts`;

describe("the outreach panel", () => {
  it("says what discontinuing needs first, and asks for how and the outcome before sending", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<OutreachPanel course={risky} />);
    expect(screen.getByText(/record an outreach attempt made on or after 2026-09-03/)).toBeTruthy();
    expect(screen.getByText("No outreach attempts recorded.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Record outreach attempt" }));
    expectFieldError(
      screen.getByLabelText("How the client was contacted"),
      "Choose how the client was contacted.",
    );
    expectFieldError(screen.getByLabelText("Outcome of the attempt"), "Choose what came of the attempt.");
    expect(api.requests).toEqual([]);
  });

  it("sends when, how, outcome and the note, then lists the attempt the course answers with", async () => {
    const attempt = {
      id: "00000000-0000-4000-8000-000000000777",
      attemptedAt: "2026-09-04T09:30:00.000Z",
      attemptedOn: "2026-09-04",
      method: "phone" as const,
      outcome: "message_left" as const,
      note: "Invented: voicemail.",
      recordedBy: {
        id: "00000000-0000-4000-8000-000000000001",
        name: "Invented Therapist",
        email: "t@example.test",
      },
    };
    const api = stubFetch().on(
      URL,
      json(
        courseDetail,
        {
          ...risky,
          outreach: { ...risky.outreach, recorded: true, neededToDiscontinue: false, attempts: [attempt] },
        },
        201,
      ),
    );
    const { user } = renderWithProviders(<OutreachPanel course={risky} />);
    const when = screen.getByLabelText("When");
    await user.clear(when);
    await user.type(when, "2026-09-04T10:30");
    await user.selectOptions(screen.getByLabelText("How the client was contacted"), "phone");
    await user.selectOptions(screen.getByLabelText("Outcome of the attempt"), "message_left");
    await user.type(screen.getByLabelText("Note (optional)"), "Invented: voicemail.");
    await user.click(screen.getByRole("button", { name: "Record outreach attempt" }));
    expect(await screen.findByText("Outreach attempt recorded.")).toBeTruthy();
    expect(api.sent(URL)[0]?.body).toEqual({
      attemptedAt: new Date("2026-09-04T10:30").toISOString(),
      method: "phone",
      outcome: "message_left",
      note: "Invented: voicemail.",
    });
  });
});
