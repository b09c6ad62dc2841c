// Every endpoint of the API, by area (the same area names as the API's route folders and the web's
// features). Each area declares its endpoints next to the schemas they use.
import { attentionEndpoints } from "../attention/endpoints";
import { auditEndpoints } from "../audit/endpoints";
import { authEndpoints, signInSettingsEndpoints } from "../auth/endpoints";
import { calendarEndpoints } from "../calendar/endpoints";
import { caseloadEndpoints, clientEndpoints, inventoryEndpoints } from "../clinical/client-endpoints";
import { courseEndpoints } from "../clinical/course-endpoints";
import { groupEndpoints } from "../clinical/group-endpoints";
import { measureEndpoints, settingsEndpoints, summaryEndpoints } from "../clinical/measure-endpoints";
import { sessionEndpoints } from "../clinical/session-endpoints";
import { fhirEndpoints } from "../fhir/endpoints";
import { fidelityEndpoints } from "../fidelity/endpoints";
import { healthEndpoints } from "../health/endpoints";
import { questionnaireEndpoints } from "../questionnaires/endpoints";
import { reviewEndpoints } from "../review/endpoints";
import { safetyEndpoints } from "../safety/endpoints";
import { supervisionEndpoints } from "../supervision/endpoints";
import { accountEndpoints, userEndpoints } from "../users/endpoints";
import type { Endpoint } from "./endpoint";

export const endpoints = {
  health: healthEndpoints,
  auth: authEndpoints,
  account: accountEndpoints,
  users: userEndpoints,
  audit: auditEndpoints,
  settings: { ...settingsEndpoints, ...signInSettingsEndpoints },
  caseload: caseloadEndpoints,
  clients: clientEndpoints,
  inventory: inventoryEndpoints,
  courses: courseEndpoints,
  groups: groupEndpoints,
  sessions: sessionEndpoints,
  measures: measureEndpoints,
  summary: summaryEndpoints,
  supervision: supervisionEndpoints,
  fidelity: fidelityEndpoints,
  review: reviewEndpoints,
  attention: attentionEndpoints,
  calendar: calendarEndpoints,
  questionnaires: questionnaireEndpoints,
  safety: safetyEndpoints,
  fhir: fhirEndpoints,
};

/** Every endpoint once, in the order of the table. */
export const endpointList: readonly Endpoint[] = Object.values<Readonly<Record<string, Endpoint>>>(
  endpoints,
).flatMap((area) => Object.values(area));
