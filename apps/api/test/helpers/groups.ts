// Group IPT set-up for the group tests and matrix rows (docs/decisions/027): a group of 8 weekly
// Monday sessions at 14:00 from 2026-02-02, and a member added through the API.
import {
  endpointPath,
  endpoints,
  groupDetail,
  groupListResponse,
  type CreateGroupRequest,
  type GroupDetail,
  type GroupListResponse,
} from "@ipt/shared";
import type { LightMyRequestResponse } from "fastify";
import { newClient, ok, type Clinician } from "./clinical";

export const groupRequest = (overrides: Partial<CreateGroupRequest> = {}): CreateGroupRequest => ({
  name: "Monday group A",
  lineage: "weissman",
  groupSessions: 8,
  sessionMinutes: 90,
  startDate: "2026-02-02",
  weekday: 1,
  startTime: "14:00",
  ...overrides,
});

export const asGroup = (response: LightMyRequestResponse, status = 200): GroupDetail =>
  ok(response, groupDetail, status);

export const asGroupList = (response: LightMyRequestResponse): GroupListResponse =>
  ok(response, groupListResponse);

export const createGroup = (who: Clinician, body: object = groupRequest()) =>
  who.post(endpointPath(endpoints.groups.create), body);

export async function newGroup(who: Clinician, overrides: Partial<CreateGroupRequest> = {}) {
  return asGroup(await createGroup(who, groupRequest(overrides)), 201);
}

export const addMember = (who: Clinician, groupId: string, clientId: string, agreedOn = "2026-01-26") =>
  who.post(endpointPath(endpoints.groups.addMember, { groupId }), { clientId, agreedOn });

/** A new client of `who` added to the group: the group as answered, and the member's course id. */
export async function newMember(who: Clinician, groupId: string, displayName = "Member") {
  const client = await newClient(who, { displayName });
  const group = asGroup(await addMember(who, groupId, client.id), 201);
  const member = group.members.find((m) => m.client.id === client.id);
  if (!member) throw new Error("the member is missing from the group");
  return { group, clientId: client.id, courseId: member.courseId };
}

export const recordAttendance = (who: Clinician, groupId: string, groupSessionId: string, body: object) =>
  who.post(endpointPath(endpoints.groups.recordAttendance, { groupId, groupSessionId }), body);

export const rescheduleGroupSession = (
  who: Clinician,
  groupId: string,
  groupSessionId: string,
  body: object,
) => who.post(endpointPath(endpoints.groups.rescheduleSession, { groupId, groupSessionId }), body);

export const cancelGroupSession = (who: Clinician, groupId: string, groupSessionId: string, body: object) =>
  who.post(endpointPath(endpoints.groups.cancelSession, { groupId, groupSessionId }), body);

export const listGroups = (who: Clinician, query: { page?: number; pageSize?: number } = {}) =>
  who.get(endpointPath(endpoints.groups.list, {}, query));
