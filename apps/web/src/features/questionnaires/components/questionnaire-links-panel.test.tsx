import {
  issuedQuestionnaireLinkResponse,
  questionnaireLink,
  questionnaireLinksResponse,
  type QuestionnaireLink,
} from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { rowsByHeader, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { QuestionnaireLinksPanel, type LinkableSession } from "./questionnaire-links-panel";

vi.mock("qrcode", () => ({
  toString: (text: string) =>
    Promise.resolve(`<svg xmlns="http://www.w3.org/2000/svg"><desc>${text}</desc></svg>`),
}));

const COURSE = "0b8f3c2a-4d5e-4f60-8a7b-1c2d3e4f5a6b";
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const sessions: LinkableSession[] = [1, 2, 3, 4].map((number) => ({
  id: uuid(100 + number),
  number,
  status: number === 1 ? "held" : "planned",
  plannedDate: `2026-12-0${number + 1}`,
  startTime: "09:00",
}));
const LIST = `GET /api/courses/${COURSE}/questionnaire-links`;
const issuePath = (sessionId: string) => `POST /api/sessions/${sessionId}/questionnaire-links`;
const TOKEN = "Q".repeat(43);
/** The service has not configured e-mail. */
const NO_EMAIL = { available: false, clientHasEmail: true };

function link(extra: Partial<QuestionnaireLink> = {}): QuestionnaireLink {
  return {
    id: uuid(500),
    courseId: COURSE,
    sessionId: uuid(102),
    sessionNumber: 2,
    instruments: ["phq9"],
    status: "sent",
    createdAt: "2026-12-01T09:00:00.000Z",
    expiresAt: "2026-12-04T09:00:00.000Z",
    sentAt: "2026-12-01T09:00:00.000Z",
    openedAt: null,
    completedAt: null,
    revokedAt: null,
    ...extra,
  };
}

const panel = (props: Partial<Parameters<typeof QuestionnaireLinksPanel>[0]> = {}) => (
  <QuestionnaireLinksPanel courseId={COURSE} sessions={sessions} canSend dueSessions={[1, 4]} {...props} />
);

describe("sending questionnaires", () => {
  it("ticks what the schedule asks for the chosen planned session, sends it, and shows the link once with its QR code", async () => {
    let links: QuestionnaireLink[] = [];
    const api = stubFetch()
      .on(LIST, () => json(questionnaireLinksResponse, { links, email: NO_EMAIL }))
      .on(issuePath(uuid(104)), () => {
        links = [
          link({ id: uuid(501), sessionId: uuid(104), sessionNumber: 4, instruments: ["phq9", "gad7"] }),
        ];
        return json(
          issuedQuestionnaireLinkResponse,
          { link: links[0]!, path: `/q/${TOKEN}`, email: "not_requested" },
          201,
        );
      });
    const { user } = renderWithProviders(panel());
    expect(await screen.findByText("No questionnaires sent yet.")).toBeTruthy();
    // Held sessions are not offered; session 2 (between schedule points) gets PHQ-9 alone.
    const picker = screen.getByLabelText("For session");
    expect(
      within(picker)
        .getAllByRole("option")
        .map((option) => textOf(option).split(" —")[0]),
    ).toEqual(["Session 2", "Session 3", "Session 4"]);
    expect(screen.getByRole("checkbox", { name: "PHQ-9" })).toHaveProperty("checked", true);
    expect(screen.getByRole("checkbox", { name: "GAD-7" })).toHaveProperty("checked", false);
    // Session 4 is a schedule point: both.
    await user.selectOptions(picker, uuid(104));
    expect(screen.getByRole("checkbox", { name: "GAD-7" })).toHaveProperty("checked", true);

    await user.click(screen.getByRole("button", { name: "Send questionnaires" }));
    const heading = await screen.findByRole("heading", { name: /Personal link for the client/ });
    expect(document.activeElement).toBe(heading);
    expect(api.sent(issuePath(uuid(104))).map((request) => request.body)).toEqual([
      { instruments: ["phq9", "gad7"] },
    ]);
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Questionnaire link" }).value).toBe(
      `${window.location.origin}/q/${TOKEN}`,
    );
    expect(await screen.findByRole("img", { name: /QR code of the questionnaire link/ })).toBeTruthy();
    const table = await screen.findByRole("table", { name: "Questionnaires sent to the client" });
    const [row] = rowsByHeader(table);
    expect(textOf(row?.Status)).toBe("Sent, not opened yet");
    expect(textOf(row?.Questionnaires)).toBe("PHQ-9 and GAD-7");
  });

  it("refuses to send with no questionnaire ticked, naming the choice, and sends nothing", async () => {
    const api = stubFetch().on(LIST, json(questionnaireLinksResponse, { links: [], email: NO_EMAIL }));
    const { user } = renderWithProviders(panel());
    await screen.findByText("No questionnaires sent yet.");
    await user.click(screen.getByRole("checkbox", { name: "PHQ-9" }));
    await user.click(screen.getByRole("button", { name: "Send questionnaires" }));
    expect(textOf(screen.getByRole("group", { name: /Questionnaires/ }))).toContain(
      "Choose PHQ-9, GAD-7 or both.",
    );
    expect(api.sent(issuePath(uuid(102)))).toEqual([]);
  });

  it("says what the server refused (a form already recorded)", async () => {
    stubFetch()
      .on(LIST, json(questionnaireLinksResponse, { links: [], email: NO_EMAIL }))
      .on(issuePath(uuid(102)), apiError(409, "conflict", "PHQ-9 is already recorded for this session."));
    const { user } = renderWithProviders(panel());
    await screen.findByText("No questionnaires sent yet.");
    await user.click(screen.getByRole("button", { name: "Send questionnaires" }));
    expect(textOf(await screen.findByRole("alert"))).toContain("PHQ-9 is already recorded for this session.");
    expect(screen.queryByRole("textbox", { name: "Questionnaire link" })).toBeNull();
  });
});

describe("sending by e-mail", () => {
  const EMAIL = { available: true, clientHasEmail: true };

  it("offers e-mail when the service has it and the client has an address, sends it when ticked, and says so", async () => {
    let links: QuestionnaireLink[] = [];
    const api = stubFetch()
      .on(LIST, () => json(questionnaireLinksResponse, { links, email: EMAIL }))
      .on(issuePath(uuid(102)), () => {
        links = [link()];
        return json(
          issuedQuestionnaireLinkResponse,
          { link: links[0]!, path: `/q/${TOKEN}`, email: "sent" },
          201,
        );
      });
    const { user } = renderWithProviders(panel());
    const box = await screen.findByRole("checkbox", { name: /Send by e-mail to the address on record/ });
    expect(box).toHaveProperty("checked", false);
    await user.click(box);
    await user.click(screen.getByRole("button", { name: "Send questionnaires" }));
    await screen.findByRole("heading", { name: /Personal link for the client/ });
    expect(api.sent(issuePath(uuid(102))).map((request) => request.body)).toEqual([
      { instruments: ["phq9"], sendEmail: true },
    ]);
    expect(screen.getByText("E-mailed to the client’s address on record.")).toBeTruthy();
    // The link and QR code are there all the same.
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Questionnaire link" }).value).toBe(
      `${window.location.origin}/q/${TOKEN}`,
    );
  });

  it("reports a failed e-mail and still shows the link to copy", async () => {
    stubFetch()
      .on(LIST, json(questionnaireLinksResponse, { links: [], email: EMAIL }))
      .on(issuePath(uuid(102)), () =>
        json(issuedQuestionnaireLinkResponse, { link: link(), path: `/q/${TOKEN}`, email: "failed" }, 201),
      );
    const { user } = renderWithProviders(panel());
    await user.click(await screen.findByRole("checkbox", { name: /Send by e-mail/ }));
    await user.click(screen.getByRole("button", { name: "Send questionnaires" }));
    expect(textOf(await screen.findByRole("alert"))).toContain("The e-mail could not be sent.");
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Questionnaire link" }).value).toBe(
      `${window.location.origin}/q/${TOKEN}`,
    );
  });

  it("says what the server refused (no address any more) and shows no link", async () => {
    stubFetch()
      .on(LIST, json(questionnaireLinksResponse, { links: [], email: EMAIL }))
      .on(
        issuePath(uuid(102)),
        apiError(422, "rule_unmet", "The questionnaires cannot be e-mailed.", [
          {
            field: "client_email",
            message: "Add the client's e-mail address to their record first, or copy the link.",
          },
        ]),
      );
    const { user } = renderWithProviders(panel());
    await user.click(await screen.findByRole("checkbox", { name: /Send by e-mail/ }));
    await user.click(screen.getByRole("button", { name: "Send questionnaires" }));
    expect(textOf(await screen.findByRole("alert"))).toContain("The questionnaires cannot be e-mailed.");
    expect(screen.queryByRole("textbox", { name: "Questionnaire link" })).toBeNull();
  });

  it("offers no e-mail without SMTP, and asks for an address when the client has none", async () => {
    stubFetch().on(LIST, json(questionnaireLinksResponse, { links: [], email: NO_EMAIL }));
    const { unmount } = renderWithProviders(panel());
    await screen.findByText("No questionnaires sent yet.");
    expect(screen.queryByRole("checkbox", { name: /Send by e-mail/ })).toBeNull();
    expect(screen.queryByText(/add the client’s e-mail address/)).toBeNull();
    unmount();

    stubFetch().on(
      LIST,
      json(questionnaireLinksResponse, { links: [], email: { available: true, clientHasEmail: false } }),
    );
    renderWithProviders(panel());
    expect(await screen.findByText(/add the client’s e-mail address to their record/)).toBeTruthy();
    expect(screen.queryByRole("checkbox", { name: /Send by e-mail/ })).toBeNull();
  });
});

describe("the links sent", () => {
  it("shows each link's status and revokes one still usable after confirming", async () => {
    let links = [
      link(),
      link({
        id: uuid(502),
        sessionId: uuid(103),
        sessionNumber: 3,
        status: "completed",
        completedAt: "2026-12-02T08:00:00.000Z",
      }),
    ];
    const api = stubFetch()
      .on(LIST, () => json(questionnaireLinksResponse, { links, email: NO_EMAIL }))
      .on(`POST /api/questionnaire-links/${uuid(500)}/revocation`, () => {
        links = [{ ...links[0]!, status: "revoked", revokedAt: "2026-12-02T10:00:00.000Z" }, links[1]!];
        return json(questionnaireLink, links[0]!);
      });
    const { user } = renderWithProviders(panel());
    const table = await screen.findByRole("table", { name: "Questionnaires sent to the client" });
    const rows = rowsByHeader(table);
    expect(rows.map((row) => textOf(row.Status))).toEqual([
      "Sent, not opened yet",
      "Completed by the client",
    ]);
    expect(within(rows[1]!.Revoke!).queryByRole("button")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Revoke the link for session 2" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke this questionnaire link?" });
    await user.click(within(dialog).getByRole("button", { name: "Revoke link" }));
    expect(await screen.findByText("The link has been revoked. It no longer works.")).toBeTruthy();
    expect(api.sent(`POST /api/questionnaire-links/${uuid(500)}/revocation`)).toHaveLength(1);
    await vi.waitFor(() =>
      expect(
        textOf(
          rowsByHeader(screen.getByRole("table", { name: "Questionnaires sent to the client" }))[0]?.Status,
        ),
      ).toBe("Revoked"),
    );
  });

  it("on a session's page lists only that session's links and offers no picker", async () => {
    stubFetch().on(
      LIST,
      json(questionnaireLinksResponse, {
        links: [link(), link({ id: uuid(503), sessionId: uuid(103), sessionNumber: 3 })],
        email: NO_EMAIL,
      }),
    );
    renderWithProviders(panel({ fixedSessionId: uuid(103), sessions: [sessions[2]!] }));
    const table = await screen.findByRole("table", { name: "Questionnaires sent to the client" });
    expect(rowsByHeader(table).map((row) => textOf(row.Session))).toEqual(["Session 3"]);
    expect(screen.queryByLabelText("For session")).toBeNull();
    expect(screen.getByRole("button", { name: "Send questionnaires" })).toBeTruthy();
  });
});
