import { courseCoSignsResponse, coSignStatus, type CoSignStatus, type ReviewTarget } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { CoSignStatusPanel, CoSignStatusView, statusOf } from "./cosign-status";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const COURSE_ID = uuid(1);
const SESSION_ID = uuid(101);
const SUPERVISOR = { id: uuid(3), name: "Sam Okafor", email: "sam@example.org", external: null };

/** An invented status, parsed with the shared schema so it has the shape the API sends. */
function status(patch: Partial<CoSignStatus> = {}, target: ReviewTarget = "formulation"): CoSignStatus {
  return coSignStatus.parse({
    target,
    sessionId: target === "session" ? SESSION_ID : null,
    sessionNumber: target === "session" ? 1 : null,
    state: "not_cosigned",
    latest: null,
    openChangeRequests: 0,
    blocker: null,
    ...patch,
  });
}

const latest = {
  id: uuid(500),
  target: "formulation",
  sessionId: null,
  supervisor: SUPERVISOR,
  note: "Invented: the formulation fits the history.",
  createdAt: "2026-09-10T10:00:00.000Z",
} as const;

interface Options {
  target?: ReviewTarget;
  value?: CoSignStatus | null;
  requiredBeforeMiddle?: boolean;
  canCoSign?: boolean;
  sessionNumber?: number | null;
  onReload?: () => Promise<unknown>;
}

function view({
  target = "formulation",
  value = status(),
  requiredBeforeMiddle = false,
  canCoSign = false,
  sessionNumber = null,
  onReload = () => Promise.resolve(),
}: Options) {
  return (
    <CoSignStatusView
      courseId={COURSE_ID}
      target={target}
      status={value}
      sessionNumber={sessionNumber}
      requiredBeforeMiddle={requiredBeforeMiddle}
      canCoSign={canCoSign}
      onReload={onReload}
    />
  );
}

const renderView = (options: Options) => renderWithProviders(view(options));

/** The text of the view rendered alone. */
function textFor(options: Options) {
  const { container, unmount } = renderView(options);
  const text = textOf(container);
  unmount();
  return text;
}

/** The buttons of the view rendered alone. */
function buttonsFor(options: Options) {
  const { unmount } = renderView(options);
  const texts = screen.queryAllByRole("button").map(textOf);
  unmount();
  return texts;
}

describe("co-sign status", () => {
  it("says when nothing has been co-signed", () => {
    expect(textFor({})).toContain("Not co-signed");
  });

  it("names the supervisor, the date and their note once co-signed", () => {
    const { container } = renderView({ value: status({ state: "cosigned", latest }) });
    const text = textOf(container);
    expect(text).toContain("Co-signed by Sam Okafor on 10 Sept 2026");
    expect(screen.getByText("Invented: the formulation fits the history.").tagName).toBe("Q");
    expect(text).not.toContain("Changed since");
  });

  it("names an imported co-signature's signer by reference, with its date (docs/decisions/018)", () => {
    const imported = {
      ...latest,
      supervisor: { id: null, name: "Imported: sup-7", email: "", external: "sup-7" },
    };
    const { container } = renderView({ value: status({ state: "cosigned", latest: imported }) });
    expect(textOf(container)).toContain("Co-signed by Imported: sup-7 on 10 Sept 2026");
  });

  it("says the record changed after the co-signature", () => {
    const { container } = renderView({
      value: status({ state: "changed_since", latest: { ...latest, note: "" } }),
    });
    expect(textOf(container)).toContain("Changed since co-signed by Sam Okafor on 10 Sept 2026");
    expect(textOf(container)).not.toContain("Note:");
    expect(container.querySelector("time")?.dateTime).toBe("2026-09-10T10:00:00.000Z");
  });

  it("explains why it cannot be co-signed yet, and offers no co-sign then", () => {
    const blocker = "A change request on the formulation is still open.";
    renderView({ value: status({ blocker, openChangeRequests: 1 }), canCoSign: true });
    expect(screen.getByText(blocker)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Co-sign formulation" })).toBeNull();
  });

  it("offers supervisors a note and a button naming what they co-sign", () => {
    const { unmount } = renderView({ canCoSign: true });
    expect(
      screen.getAllByRole("textbox").map((box) => (box as HTMLTextAreaElement).labels[0]?.textContent),
    ).toEqual(["Co-sign note (optional)"]);
    expect(screen.getAllByRole("button").map(textOf)).toEqual(["Co-sign formulation"]);
    unmount();
    expect(buttonsFor({ target: "plan", value: status({}, "plan"), canCoSign: true })).toEqual([
      "Co-sign plan",
    ]);
    expect(
      buttonsFor({
        target: "session",
        value: status({ state: "changed_since", latest }, "session"),
        canCoSign: true,
      }),
    ).toEqual(["Co-sign session"]);
  });

  it("shows therapists the status only, and supervisors no second co-sign of what they signed", () => {
    const { unmount } = renderView({});
    expect(screen.queryAllByRole("button")).toEqual([]);
    expect(screen.queryAllByRole("textbox")).toEqual([]);
    unmount();
    expect(buttonsFor({ value: status({ state: "cosigned", latest }), canCoSign: true })).toEqual([]);
  });

  it("notes the organisation's rule on the formulation and plan, never on a session", () => {
    const rule = "Required before the middle phase.";
    expect(textFor({ requiredBeforeMiddle: true })).toContain(rule);
    expect(textFor({ target: "plan", value: status({}, "plan"), requiredBeforeMiddle: true })).toContain(
      rule,
    );
    expect(textFor({ requiredBeforeMiddle: false })).not.toContain(rule);
    expect(
      textFor({ target: "session", value: status({}, "session"), requiredBeforeMiddle: true }),
    ).not.toContain(rule);
  });

  it("says a session not held yet can be co-signed later, with no controls", () => {
    const { container } = renderView({ target: "session", value: null, sessionNumber: 4, canCoSign: true });
    expect(textOf(container)).toContain("Not co-signed Session 4 can be co-signed once it has been held.");
    expect(screen.queryAllByRole("button")).toEqual([]);
  });
});

describe("co-signing", () => {
  it("sends the co-signature with its note, then says it is co-signed in place of the form", async () => {
    // The server's co-sign states, as the GET reads them and the POST changes them.
    let states = courseCoSignsResponse.parse({
      requiredBeforeMiddle: false,
      formulation: status(),
      plan: status({}, "plan"),
      sessions: [status({}, "session")],
    });
    const cosignatures = `/api/courses/${COURSE_ID}/cosignatures`;
    const api = stubFetch()
      .on(`GET ${cosignatures}`, () => json(courseCoSignsResponse, states))
      .on(`POST ${cosignatures}`, () => {
        states = {
          ...states,
          sessions: [
            status(
              { state: "cosigned", latest: { ...latest, target: "session", sessionId: SESSION_ID } },
              "session",
            ),
          ],
        };
        return json(courseCoSignsResponse, states, 201);
      });
    const { user } = renderWithProviders(
      <CoSignStatusPanel
        courseId={COURSE_ID}
        target="session"
        sessionId={SESSION_ID}
        viewerRole="supervisor"
      />,
    );
    await user.type(
      await screen.findByRole("textbox", { name: "Co-sign note (optional)" }),
      " Invented: agreed. ",
    );
    await user.click(screen.getByRole("button", { name: "Co-sign session" }));
    expect(await screen.findByText("Co-signed.")).toBeTruthy();
    expect(api.sent(`POST ${cosignatures}`).map((request) => request.body)).toEqual([
      { target: "session", sessionId: SESSION_ID, note: "Invented: agreed." },
    ]);
    expect(screen.queryByRole("button", { name: "Co-sign session" })).toBeNull();
    expect(textOf(document.body)).toContain("Co-signed by Sam Okafor on 10 Sept 2026");
  });

  it("shows the server's refusal of the note next to it, and an already co-signed record as changed elsewhere", async () => {
    const onReload = vi.fn(() => Promise.resolve());
    let answer = apiError(400, "validation_failed", "Check the note.", [
      { field: "body.note", message: "Keep the note under 2,000 characters." },
    ]);
    stubFetch().on(`POST /api/courses/${COURSE_ID}/cosignatures`, () => answer);
    const { user } = renderView({ canCoSign: true, onReload });
    await user.type(screen.getByRole("textbox", { name: "Co-sign note (optional)" }), "Invented.");
    await user.click(screen.getByRole("button", { name: "Co-sign formulation" }));
    expect(textOf(await screen.findByRole("alert"))).toContain("Check the note.");
    expectFieldError(
      screen.getByRole("textbox", { name: "Co-sign note (optional)" }),
      "Keep the note under 2,000 characters.",
    );

    answer = apiError(409, "conflict", "The formulation is already co-signed.");
    await user.click(screen.getByRole("button", { name: "Co-sign formulation" }));
    const alert = await screen.findByText("Changed elsewhere: reload before trying again.");
    await user.click(
      within(alert.closest("[role=alert]") as HTMLElement).getByRole("button", { name: "Reload" }),
    );
    expect(onReload).toHaveBeenCalled();
  });
});

describe("the status of a target", () => {
  const statuses = courseCoSignsResponse.parse({
    requiredBeforeMiddle: true,
    formulation: status({ state: "cosigned", latest }),
    plan: status({}, "plan"),
    sessions: [status({ blocker: "Sign the session first." }, "session")],
  });

  it("reads the formulation, the plan or the session's own entry", () => {
    expect(statusOf(statuses, "formulation", null)?.state).toBe("cosigned");
    expect(statusOf(statuses, "plan", null)?.target).toBe("plan");
    expect(statusOf(statuses, "session", SESSION_ID)?.blocker).toBe("Sign the session first.");
  });

  it("has none for a session the course has not held", () => {
    expect(statusOf(statuses, "session", uuid(999))).toBeNull();
  });
});
