// Group IPT (docs/decisions/027): a therapy group, its members and attendance, moving and cancelling a
// group session, and the list of groups. Writes are the group's therapist's only; reading a group (and
// the list) is also open to a supervisor assigned to that therapist. The services answer 404 for a
// group the caller may not reach and return the whole group.
import { endpoints } from "@ipt/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../../app-context";
import { actorOf } from "../../clinical/access";
import {
  addGroupMember,
  createGroup,
  getGroup,
  recordGroupAttendance,
  removeGroupMember,
} from "../../clinical/groups/groups-service";
import { listGroups } from "../../clinical/groups/group-list";
import { cancelGroupSession, rescheduleGroupSession } from "../../clinical/groups/group-session-edits";
import { defineRoute } from "../define-route";
import { inputErrors, recordErrors, writeErrors } from "../responses";

const therapist = { policy: "therapist" } as const;
const clinicalReader = { policy: "clinicalReader" } as const;
const tags = ["clinical: groups"];
const { groups } = endpoints;

export const groupRoutes: FastifyPluginAsyncZod<AppContext> = async (app, { prisma }) => {
  defineRoute(
    app,
    groups.list,
    {
      config: clinicalReader,
      tags,
      summary:
        "The therapist's groups (a supervisor: their supervisees'), groups with a member at risk first, a page at a time",
      errors: inputErrors,
    },
    async (request) => listGroups(prisma, actorOf(request), request.query),
  );

  defineRoute(
    app,
    groups.create,
    {
      config: therapist,
      tags,
      summary:
        "Create a group IPT group (WHO: a pre-group meeting, weekly group sessions, a closing meeting); its plan is generated at once",
      errors: writeErrors,
    },
    async (request) => createGroup(prisma, actorOf(request), request.body),
  );

  defineRoute(
    app,
    groups.get,
    {
      config: clinicalReader,
      tags,
      summary:
        "One group with its members and plan (also for a supervisor assigned to the therapist, read only)",
      errors: recordErrors,
    },
    async (request) => getGroup(prisma, actorOf(request), request.params.groupId),
  );

  defineRoute(
    app,
    groups.addMember,
    {
      config: therapist,
      tags,
      summary:
        "Add one of the therapist's clients: their own course (kind group) and plan in the same transaction; 409 when they have an open course",
      errors: writeErrors,
    },
    async (request) => addGroupMember(prisma, actorOf(request), request.params.groupId, request.body),
  );

  defineRoute(
    app,
    groups.removeMember,
    {
      config: therapist,
      tags,
      summary: "A member leaves the group; their course and records stay",
      errors: writeErrors,
    },
    async (request) =>
      removeGroupMember(prisma, actorOf(request), request.params.groupId, request.params.courseId),
  );

  defineRoute(
    app,
    groups.recordAttendance,
    {
      config: therapist,
      tags,
      summary:
        "Record every current member's attendance at one group session in one transaction (attended, absent, cancelled)",
      errors: writeErrors,
    },
    async (request) =>
      recordGroupAttendance(
        prisma,
        actorOf(request),
        request.params.groupId,
        request.params.groupSessionId,
        request.body,
      ),
  );

  defineRoute(
    app,
    groups.rescheduleSession,
    {
      config: therapist,
      tags,
      summary:
        "Move one group session; every current member's matching session moves with it in one transaction",
      errors: writeErrors,
    },
    async (request) =>
      rescheduleGroupSession(
        prisma,
        actorOf(request),
        request.params.groupId,
        request.params.groupSessionId,
        request.body,
      ),
  );

  defineRoute(
    app,
    groups.cancelSession,
    {
      config: therapist,
      tags,
      summary:
        "Cancel one group session for the whole group (a reason is required); every current member's matching session is cancelled in one transaction",
      errors: writeErrors,
    },
    async (request) =>
      cancelGroupSession(
        prisma,
        actorOf(request),
        request.params.groupId,
        request.params.groupSessionId,
        request.body,
      ),
  );
};
