import { courseCoSignsResponse, coSignStatus, type CoSignStatus, type ReviewTarget } from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { elements, renderHtml, textOf } from "../../../test/static-render";
import { CoSignStatusView, statusOf } from "./cosign-status";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const COURSE_ID = uuid(1);
const SESSION_ID = uuid(101);
const SUPERVISOR = { id: uuid(3), name: "Sam Okafor", email: "sam@example.org" };

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

function render({
  target = "formulation",
  value = status(),
  requiredBeforeMiddle = false,
  canCoSign = false,
  sessionNumber = null,
}: {
  target?: ReviewTarget;
  value?: CoSignStatus | null;
  requiredBeforeMiddle?: boolean;
  canCoSign?: boolean;
  sessionNumber?: number | null;
}) {
  return renderHtml(
    <CoSignStatusView
      courseId={COURSE_ID}
      target={target}
      status={value}
      sessionNumber={sessionNumber}
      requiredBeforeMiddle={requiredBeforeMiddle}
      canCoSign={canCoSign}
      onReload={() => Promise.resolve()}
    />,
  );
}

const buttons = (html: string) => elements(html, "button").map((button) => button.text);
const labels = (html: string) => elements(html, "label").map((label) => label.text);

describe("co-sign status", () => {
  it("says when nothing has been co-signed", () => {
    expect(textOf(render({}))).toContain("Not co-signed");
  });

  it("names the supervisor, the date and their note once co-signed", () => {
    const html = render({ value: status({ state: "cosigned", latest }) });
    const text = textOf(html);
    expect(text).toContain("Co-signed by Sam Okafor on 10 Sept 2026");
    expect(html).toContain("<q>Invented: the formulation fits the history.</q>");
    expect(text).not.toContain("Changed since");
  });

  it("says the record changed after the co-signature", () => {
    const html = render({ value: status({ state: "changed_since", latest: { ...latest, note: "" } }) });
    expect(textOf(html)).toContain("Changed since co-signed by Sam Okafor on 10 Sept 2026");
    expect(textOf(html)).not.toContain("Note:");
    expect(html).toContain('<time dateTime="2026-09-10T10:00:00.000Z">');
  });

  it("explains why it cannot be co-signed yet, and offers no co-sign then", () => {
    const blocker = "A change request on the formulation is still open.";
    const html = render({ value: status({ blocker, openChangeRequests: 1 }), canCoSign: true });
    expect(textOf(html)).toContain(blocker);
    expect(buttons(html)).not.toContain("Co-sign formulation");
  });

  it("offers supervisors a note and a button naming what they co-sign", () => {
    const formulation = render({ canCoSign: true });
    expect(labels(formulation)).toEqual(["Co-sign note (optional)"]);
    expect(buttons(formulation)).toEqual(["Co-sign formulation"]);
    expect(buttons(render({ target: "plan", value: status({}, "plan"), canCoSign: true }))).toEqual([
      "Co-sign plan",
    ]);
    const changed = render({
      target: "session",
      value: status({ state: "changed_since", latest }, "session"),
      canCoSign: true,
    });
    expect(buttons(changed)).toEqual(["Co-sign session"]);
  });

  it("shows therapists the status only, and supervisors no second co-sign of what they signed", () => {
    const therapist = render({});
    expect(buttons(therapist)).toEqual([]);
    expect(therapist).not.toContain("<textarea");
    expect(buttons(render({ value: status({ state: "cosigned", latest }), canCoSign: true }))).toEqual([]);
  });

  it("notes the organisation's rule on the formulation and plan, never on a session", () => {
    const rule = "Required before the middle phase.";
    expect(textOf(render({ requiredBeforeMiddle: true }))).toContain(rule);
    expect(
      textOf(render({ target: "plan", value: status({}, "plan"), requiredBeforeMiddle: true })),
    ).toContain(rule);
    expect(textOf(render({ requiredBeforeMiddle: false }))).not.toContain(rule);
    const session = render({ target: "session", value: status({}, "session"), requiredBeforeMiddle: true });
    expect(textOf(session)).not.toContain(rule);
  });

  it("says a session not held yet can be co-signed later, with no controls", () => {
    const html = render({ target: "session", value: null, sessionNumber: 4, canCoSign: true });
    expect(textOf(html)).toContain("Not co-signed Session 4 can be co-signed once it has been held.");
    expect(buttons(html)).toEqual([]);
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
