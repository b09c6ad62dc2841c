import { endpointPath, endpoints } from "@ipt/shared";
import { useState } from "react";
import { CheckboxField } from "../../../components/form-fields";

/** The course as a FHIR R4 Bundle, downloaded by the browser (a plain GET with the session cookie).
 *  Pseudonymised unless the user asks for identifying details (the client's name and year of birth,
 *  the inventory's labels), which the server audits. */
export function FhirDownload({ courseId }: { courseId: string }) {
  const [identifying, setIdentifying] = useState(false);
  const href = endpointPath(
    endpoints.fhir.exportCourse,
    { courseId },
    identifying ? { identifying: "true" } : {},
  );
  return (
    <div className="stack">
      <p className="section__intro">
        The whole course — plan, sessions, scores, risk flags, signatures and supervision — as a FHIR R4
        Bundle (JSON) for another record system. The client appears under a code, not a name, and the people
        of the interpersonal inventory by their relationship only. Notes you typed go as written.
      </p>
      <CheckboxField
        name="identifying"
        label="Include names: the client’s name and year of birth, and the inventory’s names for people"
        hint="Only when the receiving service needs them; the download is recorded in the audit log either way."
        checked={identifying}
        onChange={(event) => setIdentifying(event.currentTarget.checked)}
      />
      <p>
        <a
          className="button button--secondary"
          href={href}
          download={`course-${courseId.slice(0, 8)}.fhir.json`}
        >
          Download FHIR bundle
        </a>
      </p>
    </div>
  );
}
