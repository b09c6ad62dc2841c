import { CopyOnceField } from "../../../components/copy-once-field";
import type { CalendarFeed } from "@ipt/shared";
import { useEffect, useId, useRef, useState } from "react";
import { CheckboxField, FormAlert } from "../../../components/form-fields";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { LiveStatus } from "../../../components/states";
import { SummaryRow } from "../../../components/summary-row";
import { formatDateTime } from "../../../lib/format";
import { useCreateCalendarFeed, useRevokeCalendarFeed } from "../api/calendar-feed";

function errorMessage(error: unknown): string | null {
  if (!error) return null;
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}

/** The feed's secret URL, shown once right after it was made: the server keeps only its hash. */
function NewFeedUrl({ url }: { url: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section className="notice notice--important temp-password" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="temp-password__title">
        Your calendar feed URL
      </h2>
      <CopyOnceField label="Feed URL" value={url} what="URL" />
      <p>
        <strong>This URL is shown only once.</strong> Anyone who has it can see your session times: add it to
        your calendar app as a subscription and do not share it. If it is lost or leaked, create a new one.
      </p>
      <p>
        <a href={url} download="sessions.ics">
          Download the feed now (.ics)
        </a>
      </p>
    </section>
  );
}

/** Create, replace or revoke the feed, and see when a calendar app last fetched it. */
export function CalendarFeedPanel({ feed }: { feed: CalendarFeed | null }) {
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [includeClientCode, setIncludeClientCode] = useState(feed?.includeClientCode ?? false);
  const [confirming, setConfirming] = useState<"replace" | "revoke" | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const makeFeed = () =>
    create.mutate(
      { includeClientCode },
      {
        onSuccess: ({ path }) => {
          setConfirming(null);
          setDone(null);
          setUrl(new URL(path, window.location.origin).href);
        },
      },
    );

  return (
    <div className="stack">
      <LiveStatus message={done} />
      {url ? <NewFeedUrl url={url} /> : null}
      <section aria-labelledby="calendar-feed-status">
        <h2 id="calendar-feed-status">Your feed</h2>
        {feed ? (
          <dl className="summary">
            <SummaryRow term="Created">{formatDateTime(feed.createdAt)}</SummaryRow>
            <SummaryRow term="Last fetched">
              {feed.lastFetchedAt ? formatDateTime(feed.lastFetchedAt) : "Not fetched yet"}
            </SummaryRow>
            <SummaryRow term="Client code in events">{feed.includeClientCode ? "Yes" : "No"}</SummaryRow>
          </dl>
        ) : (
          <p>You have no calendar feed.</p>
        )}
      </section>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (create.isPending) return;
          if (feed) setConfirming("replace");
          else makeFeed();
        }}
      >
        <CheckboxField
          name="includeClientCode"
          label="Show the client’s code in each event"
          hint="The first block of the client’s record reference (as in its web address), never a name or initials."
          checked={includeClientCode}
          onChange={(event) => setIncludeClientCode(event.currentTarget.checked)}
        />
        {feed ? null : <FormAlert message={errorMessage(create.error)} />}
        <div className="button-row">
          <button type="submit" className="button" aria-disabled={create.isPending || undefined}>
            {feed ? "Create a new URL" : "Create calendar feed"}
          </button>
          {feed ? (
            <button type="button" className="button button--danger" onClick={() => setConfirming("revoke")}>
              Revoke feed
            </button>
          ) : null}
        </div>
      </form>
      <ConfirmDialog
        open={confirming === "replace"}
        title="Create a new calendar feed URL?"
        confirmLabel="Create new URL"
        pendingLabel="Creating…"
        pending={create.isPending}
        error={errorMessage(create.error)}
        onCancel={() => setConfirming(null)}
        onConfirm={makeFeed}
      >
        <p>The current URL stops working at once: calendars subscribed to it must be given the new one.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === "revoke"}
        title="Revoke your calendar feed?"
        confirmLabel="Revoke feed"
        pendingLabel="Revoking…"
        tone="danger"
        pending={revoke.isPending}
        error={errorMessage(revoke.error)}
        onCancel={() => setConfirming(null)}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: () => {
              setConfirming(null);
              setUrl(null);
              setDone("Your calendar feed has been revoked. Its URL no longer works.");
            },
          })
        }
      >
        <p>Its URL stops working at once. You can create a new feed later.</p>
      </ConfirmDialog>
    </div>
  );
}
