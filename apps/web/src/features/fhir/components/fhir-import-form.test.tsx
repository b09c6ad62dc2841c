// The admin's import form through the DOM: what it refuses before sending, the request it sends, each
// problem of a refused Bundle listed with its path, and the success message.
import { fhirImportResponse, type AdminUser } from "@ipt/shared";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { apiError, json, stubFetch } from "../../../test/fetch-stub";
import { COURSE_ID, CLIENT_ID, THERAPIST } from "../../../test/fixtures";
import { renderWithProviders } from "../../../test/render";
import { FhirImportForm } from "./fhir-import-form";

const IMPORT = "POST /api/admin/fhir/import";
const therapist: AdminUser = {
  ...THERAPIST,
  role: "therapist",
  active: true,
  mustChangePassword: false,
  signInSlowedUntil: null,
  secondFactor: false,
  createdAt: "2026-01-01T09:00:00.000Z",
  supervisors: [],
  supervisees: [],
};
const bundle = { resourceType: "Bundle", type: "collection", entry: [] };
const fileOf = (content: string) => new File([content], "course.fhir.json", { type: "application/json" });

function setup() {
  const view = renderWithProviders(<FhirImportForm therapists={[therapist]} />);
  const chooseFile = (content: string) =>
    view.user.upload(screen.getByLabelText("FHIR Bundle (.json)"), fileOf(content));
  const submit = () => view.user.click(screen.getByRole("button", { name: "Import course" }));
  return { ...view, chooseFile, submit };
}

describe("FhirImportForm", () => {
  it("asks for a file and a therapist, and refuses a file that is not a Bundle, before sending", async () => {
    const api = stubFetch();
    const { user, chooseFile, submit } = setup();
    await submit();
    expect(screen.getByRole("alert").textContent).toBe("Choose the Bundle file to import.");
    await chooseFile("not json");
    await submit();
    expect(screen.getByRole("alert").textContent).toBe("Choose the therapist the course is for.");
    await user.selectOptions(screen.getByLabelText(/^Therapist/), THERAPIST.id);
    await submit();
    expect(
      await screen.findByText("The file is not JSON. Choose a FHIR Bundle exported as .json."),
    ).toBeTruthy();
    expect(api.requests).toHaveLength(0);
  });

  it("lists each problem of a refused Bundle with its path", async () => {
    const api = stubFetch().on(
      IMPORT,
      apiError(400, "validation_failed", "Some fields are not valid.", [
        { field: "bundle.entry[2].resource.status", message: "Missing required property" },
      ]),
    );
    const { user, chooseFile, submit } = setup();
    await chooseFile(JSON.stringify(bundle));
    await user.selectOptions(screen.getByLabelText(/^Therapist/), THERAPIST.id);
    await submit();
    const problems = await screen.findByRole("region", { name: "Problems in the Bundle" });
    expect(problems.textContent).toContain("Nothing was imported.");
    expect(problems.textContent).toContain("bundle.entry[2].resource.status: Missing required property");
    expect(api.sent(IMPORT)[0]?.body).toEqual({ therapistId: THERAPIST.id, bundle });
  });

  it("says where the course went", async () => {
    stubFetch().on(IMPORT, json(fhirImportResponse, { clientId: CLIENT_ID, courseId: COURSE_ID }, 201));
    const { user, chooseFile, submit } = setup();
    await chooseFile(JSON.stringify(bundle));
    await user.selectOptions(screen.getByLabelText(/^Therapist/), THERAPIST.id);
    await submit();
    expect(
      await screen.findByText(`The course was imported into ${THERAPIST.name}’s caseload.`),
    ).toBeTruthy();
  });
});
