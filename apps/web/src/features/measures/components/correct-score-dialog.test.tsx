import { recordMeasureResponse, type SessionDetail } from "@ipt/shared";
import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, stubFetch } from "../../../test/fetch-stub";
import { sessionOf } from "../../../test/fixtures";
import { expectFieldError, textOf } from "../../../test/queries";
import { renderWithProviders } from "../../../test/render";
import { COURSE_ID, score } from "../test-fixtures";
import { SessionMeasures } from "./session-measures";

const hamd = score(1, "hamd17", 2, 12);
const session: SessionDetail = sessionOf({
  course: { ...sessionOf().course, id: COURSE_ID },
  scores: [hamd],
  signedAt: null,
  signedBy: null,
});
const CORRECTIONS = `/api/measures/${hamd.id}/corrections`;

async function openDialog() {
  const view = renderWithProviders(<SessionMeasures session={session} headingId="measures-heading" />);
  await view.user.click(screen.getByRole("button", { name: "Correct the HAM-D-17 score" }));
  return { ...view, dialog: screen.getByRole("dialog", { name: "Correct the HAM-D-17 score" }) };
}

describe("correcting a score", () => {
  it("starts from the recorded total, and asks for a total and a reason before sending", async () => {
    const api = stubFetch();
    const { user, dialog } = await openDialog();
    const total = within(dialog).getByLabelText("HAM-D-17 total (0–52)");
    expect(total).toHaveProperty("value", "12");
    await user.clear(total);
    await user.click(within(dialog).getByRole("button", { name: "Save correction" }));
    expect(within(within(dialog).getByRole("alert")).getAllByRole("button").map(textOf)).toEqual([
      "Enter the HAM-D-17 total.",
      "Give a reason.",
    ]);
    expectFieldError(total, "Enter the HAM-D-17 total.");
    expectFieldError(within(dialog).getByLabelText("Reason for the correction"), "Give a reason.");
    expect(api.requests).toEqual([]);
  });

  it("sends the corrected total with the reason, closes and announces the correction", async () => {
    const api = stubFetch().on(
      `POST ${CORRECTIONS}`,
      json(
        recordMeasureResponse,
        {
          score: score(2, "hamd17", 2, 14, { correctsId: hamd.id, correctionReason: "Invented: mis-added." }),
          riskFlag: null,
        },
        201,
      ),
    );
    const { user, dialog } = await openDialog();
    const total = within(dialog).getByLabelText("HAM-D-17 total (0–52)");
    await user.clear(total);
    await user.type(total, "14");
    await user.type(within(dialog).getByLabelText("Reason for the correction"), "Invented: mis-added.");
    await user.click(within(dialog).getByRole("button", { name: "Save correction" }));
    expect(await screen.findByText(/^Correction saved: HAM-D-17 total 14, /)).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.sent(`POST ${CORRECTIONS}`)[0]?.body).toEqual({ total: 14, reason: "Invented: mis-added." });
  });
});
