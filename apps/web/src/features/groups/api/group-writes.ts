// The group's writes (docs/decisions/027); each answers with the whole group (see cache.ts).
import {
  endpoints,
  type AddGroupMemberRequest,
  type CancelGroupSessionRequest,
  type CreateGroupRequest,
  type RecordGroupAttendanceRequest,
  type RescheduleGroupSessionRequest,
} from "@ipt/shared";
import { apiRequest } from "../../../lib/api-client";
import { useGroupMutation, type GroupWrite } from "./cache";

export const createGroup = (body: CreateGroupRequest) => apiRequest(endpoints.groups.create, { body });

export const useCreateGroup = () => useGroupMutation(createGroup);

export const addGroupMember = ({ groupId, body }: GroupWrite<AddGroupMemberRequest>) =>
  apiRequest(endpoints.groups.addMember, { params: { groupId }, body });

export const useAddGroupMember = () => useGroupMutation(addGroupMember);

export const removeGroupMember = ({ groupId, courseId }: { groupId: string; courseId: string }) =>
  apiRequest(endpoints.groups.removeMember, { params: { groupId, courseId } });

export const useRemoveGroupMember = () => useGroupMutation(removeGroupMember);

/** A write to one group session. */
export interface GroupSessionWrite<Body> extends GroupWrite<Body> {
  groupSessionId: string;
}

export const recordGroupAttendance = ({
  groupId,
  groupSessionId,
  body,
}: GroupSessionWrite<RecordGroupAttendanceRequest>) =>
  apiRequest(endpoints.groups.recordAttendance, { params: { groupId, groupSessionId }, body });

export const useRecordGroupAttendance = () => useGroupMutation(recordGroupAttendance);

export const rescheduleGroupSession = ({
  groupId,
  groupSessionId,
  body,
}: GroupSessionWrite<RescheduleGroupSessionRequest>) =>
  apiRequest(endpoints.groups.rescheduleSession, { params: { groupId, groupSessionId }, body });

export const useRescheduleGroupSession = () => useGroupMutation(rescheduleGroupSession);

export const cancelGroupSession = ({
  groupId,
  groupSessionId,
  body,
}: GroupSessionWrite<CancelGroupSessionRequest>) =>
  apiRequest(endpoints.groups.cancelSession, { params: { groupId, groupSessionId }, body });

export const useCancelGroupSession = () => useGroupMutation(cancelGroupSession);
