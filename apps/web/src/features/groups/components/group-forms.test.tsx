// The group forms through the DOM (docs/decisions/027): what each refuses before sending, the request
// it sends, and how it shows the server's refusal next to the field.
import { groupDetail, type GroupDetail } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { testId } from "../../../test/fixtures";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { GroupSessionDialog } from "./group-session-dialogs";
import type { GroupSessionAction } from "./group-sessions-table";
import { NewGroupForm } from "./new-group-form";

const GROUP_ID = testId(700);
const GROUP = `/api/groups/${GROUP_ID}`;

const member = (n: number, name: string, extra: Partial<GroupDetail["members"][number]> = {}) => ({
  courseId: testId(710 + n),
  client: { id: testId(720 + n), displayName: name },
  phase: "initial" as const,
  primaryArea: null,
  openRiskFlags: 0,
  latestPhq9: null,
  joinedAt: "2026-01-20T10:00:00.000Z",
  leftAt: null,
  ...extra,
});

const DATES = [
  "2026-02-02",
  "2026-02-09",
  "2026-02-16",
  "2026-02-23",
  "2026-03-02",
  "2026-03-09",
  "2026-03-16",
  "2026-03-23",
];

const group: GroupDetail = groupDetail.parse({
  id: GROUP_ID,
  name: "Monday group A",
  lineage: "weissman",
  groupSessions: 8,
  startDate: "2026-02-02",
  sessionWeekday: 1,
  sessionTime: "14:00",
  sessionMinutes: 90,
  midGroupMeeting: false,
  templateVersion: "test",
  version: 1,
  members: [member(1, "Member A (invented)"), member(2, "Member B (invented)")],
  sessions: Array.from({ length: 8 }, (_, index) => ({
    id: testId(730 + index),
    number: index + 1,
    plannedDate: DATES[index],
    startTime: "14:00",
    durationMinutes: 90,
    phase: index === 0 ? "initial" : index === 7 ? "termination" : "middle",
    slot: index === 0 ? "group-initial" : index === 7 ? "group-final" : "group-middle",
    agenda: [],
    attendanceRecordedAt: null,
    attendance: [],
    cancelledAt: null,
    cancelReason: null,
  })),
});
const first = group.sessions[0]!;

const summaryItems = () => within(screen.getByRole("alert")).getAllByRole("button").map(textOf);

function renderDialog(action: GroupSessionAction, onDone = vi.fn()) {
  const view = renderWithProviders(
    <GroupSessionDialog
      action={action}
      group={group}
      session={first}
      onClose={() => undefined}
      onDone={onDone}
    />,
  );
  return { ...view, dialog: screen.getByRole("dialog") };
}

describe("creating a group", () => {
  it("names each missing or out-of-range field in the summary and next to it, and sends nothing", async () => {
    const api = stubFetch();
    const { user } = renderWithProviders(<NewGroupForm onCreated={() => undefined} />);
    const sessions = screen.getByLabelText("Number of weekly group sessions");
    await user.clear(sessions);
    await user.type(sessions, "4");
    await user.clear(screen.getByLabelText("Time of the group sessions"));
    await user.click(screen.getByRole("button", { name: "Create the group and its plan" }));
    expect(summaryItems()).toEqual([
      "Enter a name or code for the group.",
      "A group has 8 to 16 weekly group sessions (the WHO manual has 8).",
      "Enter the time of the group sessions, like 14:00.",
    ]);
    expectFieldError(
      screen.getByLabelText("Name or code of the group"),
      "Enter a name or code for the group.",
    );
    expectFieldError(sessions, "A group has 8 to 16 weekly group sessions (the WHO manual has 8).");
    expect(document.activeElement).toBe(screen.getByLabelText("Name or code of the group"));
    expect(api.requests).toEqual([]);
  });

  it("sends the group and its schedule, and puts the server's refusal next to its field", async () => {
    const onCreated = vi.fn();
    let answer = apiError(400, "validation_failed", "Some fields are not valid.", [
      { field: "body.startDate", message: "Use a real date like 2026-01-31." },
    ]);
    const api = stubFetch().on("POST /api/groups", () => answer);
    const { user } = renderWithProviders(<NewGroupForm onCreated={onCreated} />);
    await user.type(screen.getByLabelText("Name or code of the group"), "Monday group A");
    const start = screen.getByLabelText("Date of the first group session");
    await user.clear(start);
    await user.type(start, "2026-02-02");
    await user.click(screen.getByRole("button", { name: "Create the group and its plan" }));
    await screen.findByRole("alert");
    expectFieldError(
      screen.getByLabelText("Date of the first group session"),
      "Use a real date like 2026-01-31.",
    );
    expect(api.sent("POST /api/groups")[0]?.body).toEqual({
      name: "Monday group A",
      lineage: "weissman",
      groupSessions: 8,
      sessionMinutes: 90,
      startDate: "2026-02-02",
      weekday: 1,
      startTime: "14:00",
      midGroupMeeting: false,
    });
    expect(onCreated).not.toHaveBeenCalled();

    answer = json(groupDetail, group, 201);
    await user.click(screen.getByRole("button", { name: "Create the group and its plan" }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(group));
  });
});

describe("recording a group session's attendance", () => {
  it("asks how each member took part before sending, and names the member left out", async () => {
    const api = stubFetch();
    const { user, dialog } = renderDialog("attendance");
    const a = within(dialog).getByRole("group", { name: "Member A (invented)" });
    await user.click(within(a).getByRole("radio", { name: "Attended" }));
    await user.click(within(dialog).getByRole("button", { name: "Record attendance" }));
    expect(summaryItems()).toEqual(["Choose how Member B (invented) took part."]);
    expectFieldError(
      within(dialog).getByRole("group", { name: "Member B (invented)" }),
      "Choose how Member B (invented) took part.",
    );
    expect(api.requests).toEqual([]);
  });

  it("sends every member's attendance in one request", async () => {
    const onDone = vi.fn();
    const api = stubFetch().on(`POST ${GROUP}/sessions/${first.id}/attendance`, json(groupDetail, group));
    const { user, dialog } = renderDialog("attendance", onDone);
    const a = within(dialog).getByRole("group", { name: "Member A (invented)" });
    const b = within(dialog).getByRole("group", { name: "Member B (invented)" });
    await user.click(within(a).getByRole("radio", { name: "Attended" }));
    await user.click(within(b).getByRole("radio", { name: "Did not come (no-show)" }));
    await user.click(within(dialog).getByRole("button", { name: "Record attendance" }));
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(
        "The attendance of group session 1 of Mon, 2 Feb 2026, 14:00 has been recorded.",
      ),
    );
    expect(api.sent(`POST ${GROUP}/sessions/${first.id}/attendance`)[0]?.body).toEqual({
      attendance: [
        { courseId: group.members[0]!.courseId, status: "attended" },
        { courseId: group.members[1]!.courseId, status: "absent" },
      ],
    });
  });
});

describe("moving and cancelling a group session", () => {
  it("needs a reason to cancel, and sends it", async () => {
    const onDone = vi.fn();
    const api = stubFetch().on(`POST ${GROUP}/sessions/${first.id}/cancel`, json(groupDetail, group));
    const { user, dialog } = renderDialog("cancel", onDone);
    await user.click(within(dialog).getByRole("button", { name: "Cancel the group session" }));
    expectFieldError(
      within(dialog).getByLabelText("Reason"),
      "Give a reason for cancelling the group session.",
    );
    expect(api.requests).toEqual([]);
    await user.type(within(dialog).getByLabelText("Reason"), "Invented: the room is closed.");
    await user.click(within(dialog).getByRole("button", { name: "Cancel the group session" }));
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith("Group session 1 has been cancelled for the whole group."),
    );
    expect(api.sent(`POST ${GROUP}/sessions/${first.id}/cancel`)[0]?.body).toEqual({
      reason: "Invented: the room is closed.",
    });
  });

  it("puts the server's refusal of the new date next to it", async () => {
    stubFetch().on(
      `POST ${GROUP}/sessions/${first.id}/reschedule`,
      apiError(400, "validation_failed", "Some fields are not valid.", [
        { field: "body.plannedDate", message: "Group session 2 is on 2026-02-09: plan this one before it." },
      ]),
    );
    const { user, dialog } = renderDialog("reschedule");
    const date = within(dialog).getByLabelText("New date");
    await user.clear(date);
    await user.type(date, "2026-02-10");
    await user.click(within(dialog).getByRole("button", { name: "Move the group session" }));
    await within(dialog).findByRole("alert");
    expectFieldError(
      within(dialog).getByLabelText("New date"),
      "Group session 2 is on 2026-02-09: plan this one before it.",
    );
  });
});
