import { formatSessionWhen } from "../../lib/format";

/** A session's date and time of day (the service's), marked up with the instant it starts. */
export function SessionWhen({
  session,
}: {
  session: { plannedDate: string; startTime: string; startsAt: string };
}) {
  return <time dateTime={session.startsAt}>{formatSessionWhen(session)}</time>;
}
