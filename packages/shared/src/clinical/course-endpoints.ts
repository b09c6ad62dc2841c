// A course from set-up through plan edits to its ending. Every write answers with the whole course.
import { defineEndpoint } from "../api/endpoint";
import { clientParams } from "./clients";
import {
  addSessionRequest,
  cancelSessionRequest,
  completeCourseRequest,
  contractRequest,
  courseDetail,
  courseParams,
  createCourseRequest,
  dropSessionRequest,
  formulationRequest,
  griefTasksRequest,
  initialTasksRequest,
  problemAreaRequest,
  rescheduleSessionRequest,
  terminationChecklistRequest,
  versionRequest,
  raiseEndingRequest,
  startMaintenanceRequest,
} from "./courses";
import { outreachAttemptRequest } from "../safety/outreach";

export const courseEndpoints = {
  recordOutreach: defineEndpoint({
    method: "POST",
    path: "/api/courses/:courseId/outreach-attempts",
    params: courseParams,
    body: outreachAttemptRequest,
    response: courseDetail,
    status: 201,
  }),
  start: defineEndpoint({
    method: "POST",
    path: "/api/clients/:clientId/courses",
    params: clientParams,
    body: createCourseRequest,
    response: courseDetail,
    status: 201,
  }),
  /** A maintenance course after this completed acute course, its plan generated at once (ipt/maintenance). */
  startMaintenance: defineEndpoint({
    method: "POST",
    path: "/api/courses/:courseId/maintenance",
    params: courseParams,
    body: startMaintenanceRequest,
    response: courseDetail,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/api/courses/:courseId",
    params: courseParams,
    response: courseDetail,
  }),
  updateInitialTasks: defineEndpoint({
    method: "PATCH",
    path: "/api/courses/:courseId/initial-tasks",
    params: courseParams,
    body: initialTasksRequest,
    response: courseDetail,
  }),
  setProblemArea: defineEndpoint({
    method: "PUT",
    path: "/api/courses/:courseId/problem-area",
    params: courseParams,
    body: problemAreaRequest,
    response: courseDetail,
  }),
  setFormulation: defineEndpoint({
    method: "PUT",
    path: "/api/courses/:courseId/formulation",
    params: courseParams,
    body: formulationRequest,
    response: courseDetail,
  }),
  /** The grief tasks' notes (ipt/grief); only while grief is the primary or secondary area. */
  updateGriefTasks: defineEndpoint({
    method: "PATCH",
    path: "/api/courses/:courseId/grief-tasks",
    params: courseParams,
    body: griefTasksRequest,
    response: courseDetail,
  }),
  setContract: defineEndpoint({
    method: "PUT",
    path: "/api/courses/:courseId/contract",
    params: courseParams,
    body: contractRequest,
    response: courseDetail,
  }),
  beginMiddlePhase: defineEndpoint({
    method: "POST",
    path: "/api/courses/:courseId/middle-phase",
    params: courseParams,
    body: versionRequest,
    response: courseDetail,
  }),

  // Plan edits.
  addSession: defineEndpoint({
    method: "POST",
    path: "/api/courses/:courseId/plan/sessions",
    params: courseParams,
    body: addSessionRequest,
    response: courseDetail,
  }),
  dropSession: defineEndpoint({
    method: "POST",
    path: "/api/courses/:courseId/plan/drop",
    params: courseParams,
    body: dropSessionRequest,
    response: courseDetail,
  }),
  cancelSession: defineEndpoint({
    method: "POST",
    path: "/api/courses/:courseId/plan/cancel",
    params: courseParams,
    body: cancelSessionRequest,
    response: courseDetail,
  }),
  rescheduleSession: defineEndpoint({
    method: "POST",
    path: "/api/courses/:courseId/plan/reschedule",
    params: courseParams,
    body: rescheduleSessionRequest,
    response: courseDetail,
  }),

  // The ending.
  raiseEnding: defineEndpoint({
    method: "POST",
    path: "/api/courses/:courseId/termination",
    params: courseParams,
    body: raiseEndingRequest,
    response: courseDetail,
  }),
  updateTerminationChecklist: defineEndpoint({
    method: "PATCH",
    path: "/api/courses/:courseId/termination-checklist",
    params: courseParams,
    body: terminationChecklistRequest,
    response: courseDetail,
  }),
  complete: defineEndpoint({
    method: "POST",
    path: "/api/courses/:courseId/completion",
    params: courseParams,
    body: completeCourseRequest,
    response: courseDetail,
  }),
};
