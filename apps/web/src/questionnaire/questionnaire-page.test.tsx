import {
  DEFAULT_CRISIS_TEXT,
  instrumentDefinitions,
  publicQuestionnaire,
  submittedQuestionnaireResponse,
  type PublicQuestionnaire,
} from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, json, stubFetch } from "../test/fetch-stub";
import { expectFieldError, textOf } from "../test/queries";
import { renderWithProviders } from "../test/render";
import { QuestionnairePage, tokenFromPath } from "./questionnaire-page";
import { clientText } from "./text";

const TOKEN = "t".repeat(43);
const OPEN = `GET /api/questionnaires/${TOKEN}`;
const SUBMIT = `POST /api/questionnaires/${TOKEN}/answers`;
const IDENTITY = `POST /api/questionnaires/${TOKEN}/identity`;

const phq9 = instrumentDefinitions.phq9;
const questions: PublicQuestionnaire = {
  step: "questions",
  serviceName: "Riverside Talking Therapies",
  forms: [
    {
      instrument: "phq9",
      name: phq9.name,
      stem: phq9.stem ?? "",
      items: phq9.items.map((item) => ({ number: item.number, text: item.text })),
      options: phq9.answerOptions.map((option) => ({ value: option.value, label: option.label })),
      attribution: phq9.attribution,
    },
  ],
};

const question = (number: number) =>
  screen.getByRole("group", { name: new RegExp(`^Question ${number} of 9`) });

async function answerAll(user: ReturnType<typeof renderWithProviders>["user"], values: number[]) {
  for (const [index, value] of values.entries()) {
    await user.click(within(question(index + 1)).getAllByRole("radio")[value]!);
  }
}

describe("the client's questionnaire page", () => {
  it("reads the token from /q/<token>", () => {
    expect(tokenFromPath(`/q/${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromPath(`/q/${TOKEN}/`)).toBe(TOKEN);
  });

  it("shows the service's name, every question verbatim as a group of answers, and the progress", async () => {
    stubFetch().on(OPEN, json(publicQuestionnaire, questions));
    const { user } = renderWithProviders(<QuestionnairePage token={TOKEN} />);
    expect(await screen.findByRole("heading", { level: 1, name: "Your questionnaire" })).toBe(
      document.activeElement,
    );
    expect(screen.getByText("Riverside Talking Therapies")).toBeTruthy();
    expect(screen.getByText(phq9.stem ?? "")).toBeTruthy();
    for (const item of phq9.items) {
      expect(textOf(question(item.number))).toContain(item.text);
      expect(within(question(item.number)).getAllByRole("radio")).toHaveLength(4);
    }
    expect(screen.getByText(clientText.progress(0, 9))).toBeTruthy();
    await user.click(within(question(1)).getByRole("radio", { name: "Several days" }));
    expect(screen.getByText(clientText.progress(1, 9))).toBeTruthy();
    expect(screen.getByRole("progressbar", { name: "Progress" }).getAttribute("value")).toBe("1");
  });

  it("names each unanswered question, focuses the summary and sends nothing", async () => {
    const api = stubFetch().on(OPEN, json(publicQuestionnaire, questions));
    const { user } = renderWithProviders(<QuestionnairePage token={TOKEN} />);
    await screen.findByRole("heading", { level: 1 });
    await answerAll(user, [1, 1, 1, 1, 1, 1, 1]);
    await user.click(screen.getByRole("button", { name: "Send my answers" }));
    const alert = screen.getByRole("alert");
    expect(document.activeElement).toBe(alert);
    expect(
      within(alert)
        .getAllByRole("link")
        .map((link) => textOf(link)),
    ).toEqual(["PHQ-9: answer question 8", "PHQ-9: answer question 9"]);
    expect(question(8).getAttribute("aria-invalid")).toBe("true");
    expect(api.sent(SUBMIT)).toEqual([]);
  });

  it("sends every answer once and thanks the client", async () => {
    const api = stubFetch()
      .on(OPEN, json(publicQuestionnaire, questions))
      .on(SUBMIT, json(submittedQuestionnaireResponse, { next: "thanks" }));
    const { user } = renderWithProviders(<QuestionnairePage token={TOKEN} />);
    await screen.findByRole("heading", { level: 1 });
    await answerAll(user, [2, 1, 0, 3, 0, 0, 1, 0, 0]);
    await user.click(screen.getByRole("button", { name: "Send my answers" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Thank you" })).toBe(document.activeElement);
    expect(api.sent(SUBMIT).map((request) => request.body)).toEqual([
      { answers: { phq9: [2, 1, 0, 3, 0, 0, 1, 0, 0] } },
    ]);
    // No session: no CSRF header is sent; the token is the proof.
    expect(api.sent(SUBMIT)[0]?.headers.has("x-csrf-token")).toBe(false);
  });

  it("shows the service's crisis text instead of the thank-you page when the server says so", async () => {
    stubFetch()
      .on(OPEN, json(publicQuestionnaire, questions))
      .on(SUBMIT, json(submittedQuestionnaireResponse, { next: "crisis", crisisText: DEFAULT_CRISIS_TEXT }));
    const { user } = renderWithProviders(<QuestionnairePage token={TOKEN} />);
    await screen.findByRole("heading", { level: 1 });
    await answerAll(user, [1, 1, 1, 1, 0, 0, 0, 0, 1]);
    await user.click(screen.getByRole("button", { name: "Send my answers" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Please read this now" })).toBeTruthy();
    expect(screen.getByText(DEFAULT_CRISIS_TEXT)).toBeTruthy();
    expect(screen.queryByText("Thank you")).toBeNull();
  });

  it("shows one closed page for a link that cannot be used, on opening or on sending", async () => {
    stubFetch().on(OPEN, apiError(404, "not_found", "This link cannot be used."));
    renderWithProviders(<QuestionnairePage token={TOKEN} />);
    expect(await screen.findByRole("heading", { level: 1, name: "This link cannot be used" })).toBeTruthy();
    expect(screen.getByText(clientText.closedBody)).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("asks for the year of birth first when the service checks it, naming a wrong one", async () => {
    const api = stubFetch()
      .on(OPEN, json(publicQuestionnaire, { step: "identity", serviceName: "Riverside Talking Therapies" }))
      .on(IDENTITY, (request) =>
        (request.body as { yearOfBirth: number }).yearOfBirth === 1985
          ? json(publicQuestionnaire, questions)
          : apiError(400, "validation_failed", "Check the fields.", [
              {
                field: "body.yearOfBirth",
                message: "That year of birth does not match. Check it and try again.",
              },
            ]),
      );
    const { user } = renderWithProviders(<QuestionnairePage token={TOKEN} />);
    expect(await screen.findByRole("heading", { level: 1, name: "First, confirm it is you" })).toBeTruthy();
    const year = screen.getByLabelText("Year of birth");
    await user.type(year, "85");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expectFieldError(screen.getByLabelText("Year of birth"), clientText.identityInvalid);
    expect(api.sent(IDENTITY)).toEqual([]);

    await user.clear(year);
    await user.type(year, "1990");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await screen.findByText("That year of birth does not match. Check it and try again.");

    await user.clear(year);
    await user.type(year, "1985");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Your questionnaire" })).toBeTruthy();
    expect(api.sent(IDENTITY).map((request) => request.body)).toEqual([
      { yearOfBirth: 1990 },
      { yearOfBirth: 1985 },
    ]);
  });
});
