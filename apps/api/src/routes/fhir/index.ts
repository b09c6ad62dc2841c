// FHIR R4 export of a course or a caseload, and an admin's import of a course Bundle (docs/decisions/018).
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { exportCaseload, exportCourse } from "../../fhir/export-service";
import { importCourse } from "../../fhir/import-service";
import { defineRoute } from "../define-route";
import { errorResponses, inputErrors, recordErrors } from "../responses";

/** A course Bundle with its sessions, scores and notes runs to a few hundred kilobytes. */
export const FHIR_IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

export const fhirRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    endpoints.fhir.exportCourse,
    {
      config: { policy: "clinicalReader" },
      tags: ["fhir"],
      summary:
        "One course as a FHIR R4 Bundle (pseudonymised unless identifying=true, which is audited); its therapist or an assigned supervisor",
      errors: recordErrors,
    },
    async (request) => exportCourse(prisma, actorOf(request), request.params.courseId, request.query),
  );

  defineRoute(
    app,
    endpoints.fhir.exportCaseload,
    {
      config: { policy: "therapist" },
      tags: ["fhir"],
      summary: "Your whole caseload as a FHIR R4 Bundle of course Bundles",
      errors: inputErrors,
    },
    async (request) => exportCaseload(prisma, actorOf(request), request.query),
  );

  defineRoute(
    app,
    endpoints.fhir.importCourse,
    {
      config: { policy: "admin" },
      tags: ["fhir"],
      summary:
        "Import a course Bundle of ours, assigned to a therapist of this instance; anything invalid is refused whole (400 with each problem's path)",
      errors: errorResponses(400, 401, 403),
      bodyLimit: FHIR_IMPORT_BODY_LIMIT,
    },
    async (request) => importCourse(prisma, actorOf(request), request.body),
  );
};
