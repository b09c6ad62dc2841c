// Wire contracts of the FHIR R4 export and import (docs/decisions/018). The Bundle itself is checked
// here only for its outer shape: the API validates every resource against the FHIR R4 definitions.
import { z } from "zod";

export const fhirExportQuery = z.strictObject({
  /** Put the client's name and year of birth in the Patient (audited); pseudonymised otherwise. */
  identifying: z.enum(["true", "false"]).optional(),
});
export type FhirExportQuery = z.infer<typeof fhirExportQuery>;

export const fhirCourseParams = z.object({ courseId: z.uuid("Use a course id.") });

/** A FHIR Bundle as JSON: its resourceType and entries; the rest is FHIR's own (validated by the API). */
export const fhirBundle = z.looseObject({
  resourceType: z.literal("Bundle"),
  type: z.string(),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string().optional(),
        resource: z.looseObject({ resourceType: z.string() }),
      }),
    )
    .optional(),
});
export type FhirBundle = z.infer<typeof fhirBundle>;

export const fhirImportRequest = z.strictObject({
  /** The therapist of this instance the imported course is assigned to. */
  therapistId: z.uuid("Choose a therapist."),
  bundle: fhirBundle,
});
export type FhirImportRequest = z.input<typeof fhirImportRequest>;

/** What an import made: ids only (the admin who imports sees no clinical content). */
export const fhirImportResponse = z.object({ clientId: z.uuid(), courseId: z.uuid() });
export type FhirImportResponse = z.infer<typeof fhirImportResponse>;
