// Clients, the caseload and the interpersonal inventory. Therapists only; the services answer 404
// for anything that is not the therapist's own (see clinical/access.ts).
import {
  caseloadQuery,
  caseloadResponse,
  clientDetail,
  clientParams,
  createClientRequest,
  createLifeEventRequest,
  createPersonRequest,
  idempotencyKeyHeaders,
  inventoryPerson,
  inventoryResponse,
  lifeEvent,
  lifeEventParams,
  personParams,
  updateClientRequest,
  updateLifeEventRequest,
  updatePersonRequest,
  versionQuery,
} from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import { listCaseload } from "../../clinical/caseload/caseload-service";
import { createClient, getClient, updateClient } from "../../clinical/clients/clients-service";
import {
  addLifeEvent,
  addPerson,
  getInventory,
  removeLifeEvent,
  removePerson,
  updateLifeEvent,
  updatePerson,
} from "../../clinical/inventory/inventory-service";
import { idempotentWrite } from "../../idempotency/idempotent-route";
import { errorResponses, inputErrors, recordErrors, writeErrors } from "../responses";
import { noBody } from "../request-bodies";

const therapist = { policy: "therapist" } as const;
const tags = ["clinical: clients"];
const CLIENT_REPLAY = { action: "client.viewed", entityType: "client" } as const;
const noContent = { 204: z.null().describe("Removed") };

export const clientRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  app.get(
    "/clients",
    {
      config: therapist,
      schema: {
        tags: ["clinical: caseload"],
        summary: "The therapist's caseload: own clients with their current course, searchable",
        querystring: caseloadQuery,
        response: { 200: caseloadResponse, ...inputErrors },
      },
    },
    async (request) => listCaseload(prisma, actorOf(request), request.query),
  );

  app.post(
    "/clients",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Add a client to the therapist's caseload (an Idempotency-Key makes a retry safe)",
        headers: idempotencyKeyHeaders,
        body: createClientRequest,
        response: { 201: clientDetail, ...inputErrors, ...errorResponses(422) },
      },
    },
    async (request, reply) => {
      const write = idempotentWrite(prisma, request, 201, CLIENT_REPLAY);
      return write.send(reply, await createClient(prisma, actorOf(request), request.body, write.run));
    },
  );

  app.get(
    "/clients/:clientId",
    {
      config: therapist,
      schema: {
        tags,
        summary: "One client",
        params: clientParams,
        response: { 200: clientDetail, ...recordErrors },
      },
    },
    async (request) => getClient(prisma, actorOf(request), request.params.clientId),
  );

  app.patch(
    "/clients/:clientId",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Edit a client (send the version read; a stale one answers 409)",
        params: clientParams,
        body: updateClientRequest,
        response: { 200: clientDetail, ...writeErrors },
      },
    },
    async (request) => updateClient(prisma, actorOf(request), request.params.clientId, request.body),
  );

  app.get(
    "/clients/:clientId/inventory",
    {
      config: therapist,
      schema: {
        tags,
        summary: "The interpersonal inventory: people by closeness ring, life events by date",
        params: clientParams,
        response: { 200: inventoryResponse, ...recordErrors },
      },
    },
    async (request) => getInventory(prisma, actorOf(request), request.params.clientId),
  );

  app.post(
    "/clients/:clientId/inventory/people",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Add a person to the inventory",
        params: clientParams,
        body: createPersonRequest,
        response: { 201: inventoryPerson, ...recordErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addPerson(prisma, actorOf(request), request.params.clientId, request.body)),
  );

  app.patch(
    "/clients/:clientId/inventory/people/:personId",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Edit a person in the inventory",
        params: personParams,
        body: updatePersonRequest,
        response: { 200: inventoryPerson, ...writeErrors },
      },
    },
    async (request) =>
      updatePerson(prisma, actorOf(request), request.params.clientId, request.params.personId, request.body),
  );

  app.delete(
    "/clients/:clientId/inventory/people/:personId",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Remove a person from the inventory; their life events stay, unlinked",
        params: personParams,
        body: noBody,
        querystring: versionQuery,
        response: { ...noContent, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { clientId, personId } = request.params;
      await removePerson(prisma, actorOf(request), clientId, personId, request.query.version);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/clients/:clientId/inventory/events",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Add a life event to the timeline",
        params: clientParams,
        body: createLifeEventRequest,
        response: { 201: lifeEvent, ...recordErrors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addLifeEvent(prisma, actorOf(request), request.params.clientId, request.body)),
  );

  app.patch(
    "/clients/:clientId/inventory/events/:eventId",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Edit a life event",
        params: lifeEventParams,
        body: updateLifeEventRequest,
        response: { 200: lifeEvent, ...writeErrors },
      },
    },
    async (request) =>
      updateLifeEvent(
        prisma,
        actorOf(request),
        request.params.clientId,
        request.params.eventId,
        request.body,
      ),
  );

  app.delete(
    "/clients/:clientId/inventory/events/:eventId",
    {
      config: therapist,
      schema: {
        tags,
        summary: "Remove a life event",
        params: lifeEventParams,
        body: noBody,
        querystring: versionQuery,
        response: { ...noContent, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { clientId, eventId } = request.params;
      await removeLifeEvent(prisma, actorOf(request), clientId, eventId, request.query.version);
      return reply.code(204).send(null);
    },
  );
};
