import { PageHeading } from "../../components/page-heading";
import { QueryFallback } from "../../components/states";
import { useCalendarFeed } from "../../features/calendar/api/calendar-feed";
import { CalendarFeedPanel } from "../../features/calendar/components/calendar-feed-panel";

/** The therapist's private calendar feed: their sessions in their own calendar app, without client details. */
export function CalendarFeedRoute() {
  const status = useCalendarFeed();
  return (
    <div className="page">
      <PageHeading>Calendar feed</PageHeading>
      <p className="section__intro">
        Subscribe to your sessions from your calendar app. Events show only “Session 7/16” and the time: no
        client names, initials or clinical words.
      </p>
      {status.isPending || status.isError ? (
        <QueryFallback
          query={status}
          loading="Loading your calendar feed…"
          errorTitle="Your calendar feed could not be loaded."
        />
      ) : (
        <CalendarFeedPanel feed={status.data.feed} />
      )}
    </div>
  );
}
