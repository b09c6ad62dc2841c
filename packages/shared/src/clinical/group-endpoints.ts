// Group IPT (docs/decisions/027): list and create groups, add and remove members, read a group with its
// plan, record a group session's attendance, and move or cancel a group session. Every answer about
// one group is the whole group.
import { defineEndpoint, noBody } from "../api/endpoint";
import {
  addGroupMemberRequest,
  cancelGroupSessionRequest,
  createGroupRequest,
  groupDetail,
  groupListQuery,
  groupListResponse,
  groupMemberParams,
  groupParams,
  groupSessionParams,
  recordGroupAttendanceRequest,
  rescheduleGroupSessionRequest,
} from "./groups";

export const groupEndpoints = {
  /** The therapist's groups (a supervisor: their supervisees'), groups with a member at risk first. */
  list: defineEndpoint({
    method: "GET",
    path: "/api/groups",
    query: groupListQuery,
    response: groupListResponse,
  }),
  /** A new group with its plan of weekly group sessions generated at once (ipt/group). */
  create: defineEndpoint({
    method: "POST",
    path: "/api/groups",
    body: createGroupRequest,
    response: groupDetail,
    status: 201,
  }),
  get: defineEndpoint({
    method: "GET",
    path: "/api/groups/:groupId",
    params: groupParams,
    response: groupDetail,
  }),
  /** A client of the group's therapist joins: their own course and its plan in the same transaction. */
  addMember: defineEndpoint({
    method: "POST",
    path: "/api/groups/:groupId/members",
    params: groupParams,
    body: addGroupMemberRequest,
    response: groupDetail,
    status: 201,
  }),
  /** The member leaves the group; their course and records stay (it is completed or discontinued as any course). */
  removeMember: defineEndpoint({
    method: "DELETE",
    path: "/api/groups/:groupId/members/:courseId",
    params: groupMemberParams,
    body: noBody,
    response: groupDetail,
  }),
  /** Every current member's attendance at one group session, in one transaction. */
  recordAttendance: defineEndpoint({
    method: "POST",
    path: "/api/groups/:groupId/sessions/:groupSessionId/attendance",
    params: groupSessionParams,
    body: recordGroupAttendanceRequest,
    response: groupDetail,
  }),
  /** Move one group session; every current member's matching session moves with it, in one transaction. */
  rescheduleSession: defineEndpoint({
    method: "POST",
    path: "/api/groups/:groupId/sessions/:groupSessionId/reschedule",
    params: groupSessionParams,
    body: rescheduleGroupSessionRequest,
    response: groupDetail,
  }),
  /** Cancel one group session for everyone (a reason is required); each member's matching session is cancelled. */
  cancelSession: defineEndpoint({
    method: "POST",
    path: "/api/groups/:groupId/sessions/:groupSessionId/cancel",
    params: groupSessionParams,
    body: cancelGroupSessionRequest,
    response: groupDetail,
  }),
};
