import type { AdminUser, FhirImportRequest } from "@ipt/shared";
import { useId, useRef, useState } from "react";
import { FormAlert, SelectField, SubmitButton } from "../../../components/form-fields";
import { SuccessMessage } from "../../../components/states";
import { isApiError } from "../../../lib/api-client";
import { useImportCourse } from "../api/import-course";

type Bundle = FhirImportRequest["bundle"];

/** Reads the chosen file as a FHIR Bundle; anything else is a message for the form. */
async function bundleOf(file: File): Promise<Bundle | string> {
  try {
    const parsed: unknown = JSON.parse(await file.text());
    if (
      parsed &&
      typeof parsed === "object" &&
      (parsed as { resourceType?: unknown }).resourceType === "Bundle"
    ) {
      return parsed as Bundle;
    }
    return "The file is JSON but not a FHIR Bundle.";
  } catch {
    return "The file is not JSON. Choose a FHIR Bundle exported as .json.";
  }
}

/** An admin imports a course Bundle of ours and assigns it to an active therapist of this service. */
export function FhirImportForm({ therapists }: { therapists: AdminUser[] }) {
  const importCourse = useImportCourse();
  const formRef = useRef<HTMLFormElement>(null);
  const fileId = useId();
  const [therapistId, setTherapistId] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [imported, setImported] = useState<string | null>(null);

  const error = importCourse.error;
  const problems = isApiError(error) ? error.fields : [];

  return (
    <form
      ref={formRef}
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (importCourse.isPending) return;
        setImported(null);
        if (!file) {
          setMessage("Choose the Bundle file to import.");
          return;
        }
        if (!therapistId) {
          setMessage("Choose the therapist the course is for.");
          return;
        }
        void bundleOf(file).then((bundle) => {
          if (typeof bundle === "string") {
            setMessage(bundle);
            return;
          }
          setMessage(null);
          importCourse.mutate(
            { therapistId, bundle },
            {
              onSuccess: () => {
                const name = therapists.find((t) => t.id === therapistId)?.name ?? "the therapist";
                setImported(`The course was imported into ${name}’s caseload.`);
              },
            },
          );
        });
      }}
    >
      {imported ? <SuccessMessage focusOnMount>{imported}</SuccessMessage> : null}
      <div className="field">
        <label className="field__label" htmlFor={fileId}>
          FHIR Bundle (.json)
        </label>
        <input
          id={fileId}
          name="bundle"
          type="file"
          accept="application/json,.json"
          onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
        />
      </div>
      <SelectField
        name="therapistId"
        label="Therapist"
        hint="The course and its client join this therapist’s caseload, and what the exporting therapist recorded is theirs. Supervisors’ review threads, replies, ratings, co-signatures and risk-flag acknowledgements come too, shown as “Imported: …” with the reference the Bundle gives and their time, since those supervisors are not users here; anything new needs a supervisor of this instance."
        value={therapistId}
        onChange={(event) => setTherapistId(event.currentTarget.value)}
      >
        <option value="">Choose a therapist</option>
        {therapists.map((therapist) => (
          <option key={therapist.id} value={therapist.id}>
            {/* The e-mail tells apart two therapists of the same name. */}
            {therapist.name} ({therapist.email})
          </option>
        ))}
      </SelectField>
      <FormAlert message={message ?? (error ? error.message : null)} />
      {problems.length > 0 ? (
        <section aria-label="Problems in the Bundle" className="notice notice--error">
          <p>Nothing was imported. Each problem with where it is in the file:</p>
          <ul className="problem-list">
            {problems.map((problem) => (
              <li key={`${problem.field}:${problem.message}`}>
                <code>{problem.field}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="button-row">
        <SubmitButton pending={importCourse.isPending} pendingLabel="Importing…">
          Import course
        </SubmitButton>
      </div>
    </form>
  );
}
