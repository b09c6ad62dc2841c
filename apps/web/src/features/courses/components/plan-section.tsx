import type { CourseDetail, SessionSummary } from "@ipt/shared";
import { useRef, useState } from "react";
import { LiveStatus } from "../../../components/states";
import { AddSessionForm } from "./add-session-form";
import { PlanEditDialog, type PlanEdit } from "./plan-edit-dialogs";
import { SessionsTable } from "./sessions-table";

/**
 * The session list with the plan changes: reschedule, cancel or drop a planned session, or add one.
 * After a change, focus goes to the heading above the list (the row used may have gone).
 */
export function PlanSection({ course, headingId }: { course: CourseDetail; headingId: string }) {
  const [editing, setEditing] = useState<{ session: SessionSummary; edit: PlanEdit } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const planOpen = course.phase !== "completed";
  // The dialog is removed rather than closed, so focus is put back by hand.
  const opener = useRef<HTMLElement | null>(null);

  const done = (message: string) => {
    setEditing(null);
    setStatus(message);
    document.getElementById(headingId)?.focus();
  };

  return (
    <div className="stack">
      <LiveStatus message={status} />
      <SessionsTable
        course={course}
        onEdit={
          planOpen
            ? (session, edit) => {
                opener.current =
                  document.activeElement instanceof HTMLElement ? document.activeElement : null;
                setStatus(null);
                setEditing({ session, edit });
              }
            : undefined
        }
      />
      {editing ? (
        <PlanEditDialog
          key={`${editing.session.id}-${editing.edit}`}
          edit={editing.edit}
          course={course}
          session={editing.session}
          onClose={() => {
            setEditing(null);
            opener.current?.focus();
          }}
          onDone={done}
        />
      ) : null}
      {planOpen ? (
        <>
          <h3 className="section__subtitle">Add a session</h3>
          <AddSessionForm course={course} onDone={setStatus} />
        </>
      ) : null}
    </div>
  );
}
