import {
  GROUP_IPT,
  lineagePresets,
  type GroupDetail,
  type GroupMember,
  type GroupSession,
} from "@ipt/shared";
import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { Breadcrumbs } from "../../components/breadcrumbs";
import { SourceTags } from "../../components/clinical/source-tags";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { PageFallback } from "../../components/page-fallback";
import { RecordHeader, type RecordFact } from "../../components/record-header";
import { Section } from "../../components/section";
import { EmptyState, LiveStatus } from "../../components/states";
import { paths } from "../../config/paths";
import { useCaseload } from "../../features/caseload/api/list-caseload";
import { useGroup } from "../../features/groups/api/get-group";
import { useRemoveGroupMember } from "../../features/groups/api/group-writes";
import { AddMemberForm } from "../../features/groups/components/add-member-form";
import { GroupSessionDialog } from "../../features/groups/components/group-session-dialogs";
import {
  GroupSessionsTable,
  isOpen,
  type GroupSessionAction,
} from "../../features/groups/components/group-sessions-table";
import { currentMembers, MembersTable } from "../../features/groups/components/members-table";
import { CrisisSteps } from "../../features/measures/components/crisis-steps";
import { formatSessionWhen } from "../../lib/format";
import { useServiceToday } from "../../lib/service-today";
import { writeErrorsFromError } from "../../lib/write-errors";

const groupsCrumb = { label: "Groups", href: paths.therapist.groups.getHref() };
const SESSIONS_HEADING = "group-sessions-heading";
const MEMBERS_HEADING = "group-members-heading";

const membersWord = (count: number) => `${count} ${count === 1 ? "member" : "members"}`;

/** What matters at a glance: members at risk first (red, in words), then the next group session. */
function groupFacts(group: GroupDetail, members: GroupMember[]): RecordFact[] {
  const atRisk = members.filter((member) => member.openRiskFlags > 0);
  const next = group.sessions.find(isOpen);
  const recorded = group.sessions.filter((session) => session.attendanceRecordedAt !== null).length;
  return [
    ...(atRisk.length > 0
      ? [
          {
            term: "Open risk flags",
            value: atRisk.map((member) => member.client.displayName).join(", "),
            tone: "risk" as const,
          },
        ]
      : []),
    { term: "Members", value: membersWord(members.length) },
    {
      term: "Next group session",
      value: next ? `Session ${next.number}, ${formatSessionWhen(next)}` : "None: the group has ended",
    },
    { term: "Recorded", value: `${recorded} of ${group.groupSessions} sessions` },
  ];
}

/** Clients who may join: the therapist's clients without an open course (the first 100 by name). */
function useJoinableClients() {
  const caseload = useCaseload({ pageSize: 100 });
  const clients = (caseload.data?.items ?? []).filter(
    (entry) => entry.course === null || entry.course.phase === "completed",
  );
  return { clients, loaded: caseload.isSuccess };
}

function GroupContent({ group }: { group: GroupDetail }) {
  const today = useServiceToday();
  const joinable = useJoinableClients();
  const removeMember = useRemoveGroupMember();
  const members = currentMembers(group);
  const left = group.members.filter((member) => member.leftAt !== null);
  const [status, setStatus] = useState<string | null>(null);
  const [acting, setActing] = useState<{ session: GroupSession; action: GroupSessionAction } | null>(null);
  const [removing, setRemoving] = useState<GroupMember | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  // The dialog is removed rather than closed, so focus is put back by hand.
  const opener = useRef<HTMLElement | null>(null);

  const rememberOpener = () => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  };

  function confirmRemove() {
    if (!removing || removeMember.isPending) return;
    removeMember.mutate(
      { groupId: group.id, courseId: removing.courseId },
      {
        onSuccess: () => {
          setStatus(
            `${removing.client.displayName} has left the group. Their course stays open with its records.`,
          );
          setRemoving(null);
          document.getElementById(MEMBERS_HEADING)?.focus();
        },
        onError: (error) => setRemoveError(writeErrorsFromError(error, []).message),
      },
    );
  }

  return (
    <>
      <LiveStatus message={status} />
      <Section id={MEMBERS_HEADING} title="Members" focusable>
        {members.length === 0 ? (
          <EmptyState title="No members yet.">
            <p>Add your clients below: each gets their own group course and plan.</p>
          </EmptyState>
        ) : (
          <MembersTable
            group={group}
            onRemove={(member) => {
              setRemoveError(null);
              setStatus(null);
              setRemoving(member);
            }}
          />
        )}
        {left.length > 0 ? (
          <p className="muted">
            Left the group:{" "}
            {left.map((member, index) => (
              <span key={member.courseId}>
                {index > 0 ? ", " : null}
                <Link to={paths.therapist.course.getHref(member.courseId)}>{member.client.displayName}</Link>
              </span>
            ))}
            .
          </p>
        ) : null}
        <h3 className="section__subtitle">Add a member</h3>
        <AddMemberForm
          group={group}
          clients={joinable.clients}
          clientsLoaded={joinable.loaded}
          onAdded={(name) => setStatus(`${name} has joined the group, with their own group course and plan.`)}
        />
      </Section>

      <Section id={SESSIONS_HEADING} title="Group sessions" focusable>
        <p className="section__intro">
          Weekly group sessions: the first initial, the last termination.
          <SourceTags tags={GROUP_IPT.sources} /> Attendance is recorded once for every member, from the
          session’s date.
        </p>
        <GroupSessionsTable
          group={group}
          today={today}
          hasMembers={members.length > 0}
          onAction={(session, action) => {
            rememberOpener();
            setStatus(null);
            setActing({ session, action });
          }}
        />
      </Section>

      {acting ? (
        <GroupSessionDialog
          key={`${acting.session.id}-${acting.action}`}
          action={acting.action}
          group={group}
          session={acting.session}
          onClose={() => {
            setActing(null);
            opener.current?.focus();
          }}
          onDone={(message) => {
            setActing(null);
            setStatus(message);
            document.getElementById(SESSIONS_HEADING)?.focus();
          }}
        />
      ) : null}

      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.client.displayName ?? "the member"} from the group?`}
        confirmLabel="Remove from the group"
        pendingLabel="Removing…"
        tone="danger"
        pending={removeMember.isPending}
        error={removeError}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      >
        <p>
          Their planned group sessions still to come are removed. Their course stays open with its records and
          the closing individual meeting; complete or discontinue it on the course page.
        </p>
      </ConfirmDialog>
    </>
  );
}

/** One group: members (risk first) with their own courses, adding and removing members, and the group sessions. */
export function GroupRoute() {
  const { groupId = "" } = useParams();
  const group = useGroup(groupId);

  if (group.isPending || group.isError) {
    return (
      <PageFallback
        crumbs={[groupsCrumb, { label: "Group" }]}
        heading="Group"
        query={group}
        loading="Loading the group…"
        errorTitle="The group could not be loaded."
      />
    );
  }

  const data = group.data;
  const members = currentMembers(data);
  return (
    <div className="page">
      <Breadcrumbs crumbs={[groupsCrumb, { label: data.name }]} />
      <RecordHeader
        title={data.name}
        documentTitle={`${data.name}: group`}
        subtitle={`${GROUP_IPT.label}, ${lineagePresets[data.lineage].label}; ${data.sessionMinutes}-minute sessions${
          data.midGroupMeeting ? "; with IPT-G’s mid-treatment individual meeting" : ""
        }.`}
        facts={groupFacts(data, members)}
        onRisk={<CrisisSteps />}
      />
      <GroupContent group={data} />
    </div>
  );
}
