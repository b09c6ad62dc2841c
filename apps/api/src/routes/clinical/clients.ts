// Clients, the caseload and the interpersonal inventory. Therapists only; the services answer 404
// for anything that is not the therapist's own (see clinical/access.ts).
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
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
import { defineRoute } from "../define-route";
import { errorResponses, inputErrors, recordErrors, writeErrors } from "../responses";

const therapist = { policy: "therapist" } as const;
const tags = ["clinical: clients"];
const CLIENT_REPLAY = { action: "client.viewed", entityType: "client" } as const;
const { caseload, clients, inventory } = endpoints;

export const clientRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    caseload.list,
    {
      config: therapist,
      tags: ["clinical: caseload"],
      summary: "The therapist's caseload: own clients with their current course, searchable",
      errors: inputErrors,
    },
    async (request) => listCaseload(prisma, actorOf(request), request.query),
  );

  defineRoute(
    app,
    clients.create,
    {
      config: therapist,
      tags,
      summary: "Add a client to the therapist's caseload (an Idempotency-Key makes a retry safe)",
      errors: { ...inputErrors, ...errorResponses(422) },
    },
    async (request, reply) => {
      const write = idempotentWrite(prisma, request, clients.create.status, CLIENT_REPLAY);
      return write.send(reply, await createClient(prisma, actorOf(request), request.body, write.run));
    },
  );

  defineRoute(
    app,
    clients.get,
    { config: therapist, tags, summary: "One client", errors: recordErrors },
    async (request) => getClient(prisma, actorOf(request), request.params.clientId),
  );

  defineRoute(
    app,
    clients.update,
    {
      config: therapist,
      tags,
      summary: "Edit a client (send the version read; a stale one answers 409)",
      errors: writeErrors,
    },
    async (request) => updateClient(prisma, actorOf(request), request.params.clientId, request.body),
  );

  defineRoute(
    app,
    inventory.get,
    {
      config: therapist,
      tags,
      summary: "The interpersonal inventory: people by closeness ring, life events by date",
      errors: recordErrors,
    },
    async (request) => getInventory(prisma, actorOf(request), request.params.clientId),
  );

  defineRoute(
    app,
    inventory.addPerson,
    { config: therapist, tags, summary: "Add a person to the inventory", errors: recordErrors },
    async (request) => addPerson(prisma, actorOf(request), request.params.clientId, request.body),
  );

  defineRoute(
    app,
    inventory.updatePerson,
    { config: therapist, tags, summary: "Edit a person in the inventory", errors: writeErrors },
    async (request) =>
      updatePerson(prisma, actorOf(request), request.params.clientId, request.params.personId, request.body),
  );

  defineRoute(
    app,
    inventory.removePerson,
    {
      config: therapist,
      tags,
      summary: "Remove a person from the inventory; their life events stay, unlinked",
      errors: writeErrors,
    },
    async (request) => {
      const { clientId, personId } = request.params;
      await removePerson(prisma, actorOf(request), clientId, personId, request.query.version);
    },
  );

  defineRoute(
    app,
    inventory.addLifeEvent,
    { config: therapist, tags, summary: "Add a life event to the timeline", errors: recordErrors },
    async (request) => addLifeEvent(prisma, actorOf(request), request.params.clientId, request.body),
  );

  defineRoute(
    app,
    inventory.updateLifeEvent,
    { config: therapist, tags, summary: "Edit a life event", errors: writeErrors },
    async (request) =>
      updateLifeEvent(
        prisma,
        actorOf(request),
        request.params.clientId,
        request.params.eventId,
        request.body,
      ),
  );

  defineRoute(
    app,
    inventory.removeLifeEvent,
    { config: therapist, tags, summary: "Remove a life event", errors: writeErrors },
    async (request) => {
      const { clientId, eventId } = request.params;
      await removeLifeEvent(prisma, actorOf(request), clientId, eventId, request.query.version);
    },
  );
};
