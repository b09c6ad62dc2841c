// The caseload, clients and their interpersonal inventory. Creating a course is in course-endpoints.
import { defineEndpoint, noBody, noContent } from "../api/endpoint";
import { idempotencyKeyHeaders } from "../common/idempotency";
import {
  caseloadQuery,
  caseloadResponse,
  clientDetail,
  clientParams,
  createClientRequest,
  createLifeEventRequest,
  createPersonRequest,
  inventoryPerson,
  inventoryResponse,
  lifeEvent,
  lifeEventParams,
  personParams,
  updateClientRequest,
  updateLifeEventRequest,
  updatePersonRequest,
  versionQuery,
} from "./clients";

const removed = noContent.describe("Removed");

export const caseloadEndpoints = {
  list: defineEndpoint({
    method: "GET",
    path: "/api/clients",
    query: caseloadQuery,
    response: caseloadResponse,
  }),
};

export const clientEndpoints = {
  create: defineEndpoint({
    method: "POST",
    path: "/api/clients",
    headers: idempotencyKeyHeaders,
    body: createClientRequest,
    response: clientDetail,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/api/clients/:clientId",
    params: clientParams,
    response: clientDetail,
  }),
  update: defineEndpoint({
    method: "PATCH",
    path: "/api/clients/:clientId",
    params: clientParams,
    body: updateClientRequest,
    response: clientDetail,
  }),
};

export const inventoryEndpoints = {
  get: defineEndpoint({
    method: "GET",
    path: "/api/clients/:clientId/inventory",
    params: clientParams,
    response: inventoryResponse,
  }),
  addPerson: defineEndpoint({
    method: "POST",
    path: "/api/clients/:clientId/inventory/people",
    params: clientParams,
    body: createPersonRequest,
    response: inventoryPerson,
    status: 201,
  }),
  updatePerson: defineEndpoint({
    method: "PATCH",
    path: "/api/clients/:clientId/inventory/people/:personId",
    params: personParams,
    body: updatePersonRequest,
    response: inventoryPerson,
  }),
  /** `version` in the query: the one last read; a stale one is refused (409). */
  removePerson: defineEndpoint({
    method: "DELETE",
    path: "/api/clients/:clientId/inventory/people/:personId",
    params: personParams,
    query: versionQuery,
    body: noBody,
    response: removed,
    status: 204,
  }),
  addLifeEvent: defineEndpoint({
    method: "POST",
    path: "/api/clients/:clientId/inventory/events",
    params: clientParams,
    body: createLifeEventRequest,
    response: lifeEvent,
    status: 201,
  }),
  updateLifeEvent: defineEndpoint({
    method: "PATCH",
    path: "/api/clients/:clientId/inventory/events/:eventId",
    params: lifeEventParams,
    body: updateLifeEventRequest,
    response: lifeEvent,
  }),
  removeLifeEvent: defineEndpoint({
    method: "DELETE",
    path: "/api/clients/:clientId/inventory/events/:eventId",
    params: lifeEventParams,
    query: versionQuery,
    body: noBody,
    response: removed,
    status: 204,
  }),
};
