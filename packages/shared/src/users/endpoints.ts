import { defineEndpoint, noBody, noContent } from "../api/endpoint";
import {
  adminUser,
  assignmentParams,
  caseloadAccessResponse,
  createUserRequest,
  endSessionsResponse,
  listUsersQuery,
  listUsersResponse,
  ownSupervisorsResponse,
  temporaryPasswordResponse,
  updateUserRequest,
  userParams,
} from "./users";

/** Account management, for admins. */
export const userEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/api/admin/users",
    query: listUsersQuery,
    response: listUsersResponse,
  }),
  create: defineEndpoint({
    method: "POST",
    path: "/api/admin/users",
    body: createUserRequest,
    response: temporaryPasswordResponse,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/api/admin/users/:userId",
    params: userParams,
    response: adminUser,
  }),
  update: defineEndpoint({
    method: "PATCH",
    path: "/api/admin/users/:userId",
    params: userParams,
    body: updateUserRequest,
    response: adminUser,
  }),
  deactivate: defineEndpoint({
    method: "POST",
    path: "/api/admin/users/:userId/deactivate",
    params: userParams,
    body: noBody,
    response: adminUser,
  }),
  reactivate: defineEndpoint({
    method: "POST",
    path: "/api/admin/users/:userId/reactivate",
    params: userParams,
    body: noBody,
    response: adminUser,
  }),
  resetPassword: defineEndpoint({
    method: "POST",
    path: "/api/admin/users/:userId/reset-password",
    params: userParams,
    body: noBody,
    response: temporaryPasswordResponse,
  }),
  /** Removes the user's second factors (a lost phone): they enrol again at their next sign-in. */
  resetFactors: defineEndpoint({
    method: "POST",
    path: "/api/admin/users/:userId/reset-factors",
    params: userParams,
    body: noBody,
    response: adminUser,
  }),
  unlockSignIn: defineEndpoint({
    method: "POST",
    path: "/api/admin/users/:userId/unlock-sign-in",
    params: userParams,
    body: noBody,
    response: adminUser,
  }),
  endSessions: defineEndpoint({
    method: "POST",
    path: "/api/admin/users/:userId/end-sessions",
    params: userParams,
    body: noBody,
    response: endSessionsResponse,
  }),
  assignSupervisor: defineEndpoint({
    method: "PUT",
    path: "/api/admin/users/:userId/supervisors/:supervisorId",
    params: assignmentParams,
    body: noBody,
    response: adminUser,
  }),
  removeSupervisor: defineEndpoint({
    method: "DELETE",
    path: "/api/admin/users/:userId/supervisors/:supervisorId",
    params: assignmentParams,
    body: noBody,
    response: adminUser,
  }),
};

/** The signed-in user's own account. */
export const accountEndpoints = {
  supervisors: defineEndpoint({
    method: "GET",
    path: "/api/me/supervisors",
    response: ownSupervisorsResponse,
  }),
  /** Who can read your caseload, since when, granted by whom, and the changes (therapists). */
  caseloadAccess: defineEndpoint({
    method: "GET",
    path: "/api/me/caseload-access",
    response: caseloadAccessResponse,
  }),
  /** Marks the changes to who can read your caseload as seen (they leave the attention list). */
  acknowledgeCaseloadAccess: defineEndpoint({
    method: "POST",
    path: "/api/me/caseload-access/seen",
    body: noBody,
    response: noContent,
    status: 204,
  }),
};
