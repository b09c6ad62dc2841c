// Group IPT (docs/decisions/027): create a group, add and remove members, read it with its plan, and
// record a group session's attendance. Every answer is the whole group.
import { defineEndpoint, noBody } from "../api/endpoint";
import {
  addGroupMemberRequest,
  createGroupRequest,
  groupDetail,
  groupMemberParams,
  groupParams,
  groupSessionParams,
  recordGroupAttendanceRequest,
} from "./groups";

export const groupEndpoints = {
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
};
