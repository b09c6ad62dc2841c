// The FHIR download link: pseudonymised by default; asking for identifying details changes the
// address the browser downloads (the server audits it).
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { COURSE_ID } from "../../../test/fixtures";
import { renderWithProviders } from "../../../test/render";
import { FhirDownload } from "./fhir-download";

describe("FhirDownload", () => {
  it("downloads the pseudonymised Bundle unless identifying details are asked for", async () => {
    const { user } = renderWithProviders(<FhirDownload courseId={COURSE_ID} />);
    const link = screen.getByRole("link", { name: "Download FHIR bundle" });
    expect(link.getAttribute("href")).toBe(`/api/fhir/courses/${COURSE_ID}`);
    expect(link.getAttribute("download")).toBe(`course-${COURSE_ID.slice(0, 8)}.fhir.json`);

    await user.click(
      screen.getByRole("checkbox", {
        name: "Include names: the client’s name and year of birth, and the inventory’s names for people",
      }),
    );
    expect(link.getAttribute("href")).toBe(`/api/fhir/courses/${COURSE_ID}?identifying=true`);

    await user.click(
      screen.getByRole("checkbox", {
        name: "Include names: the client’s name and year of birth, and the inventory’s names for people",
      }),
    );
    expect(link.getAttribute("href")).toBe(`/api/fhir/courses/${COURSE_ID}`);
  });
});
