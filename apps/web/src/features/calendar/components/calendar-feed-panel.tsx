import type { CalendarFeed } from "@ipt/shared";
import { useEffect, useId, useRef, useState } from "react";
import { CheckboxField, FormAlert } from "../../../components/form-fields";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { LiveStatus } from "../../../components/states";
import { SummaryRow } from "../../../components/summary-row";
import { formatDateTime } from "../../../lib/format";
import { useCreateCalendarFeed, useRevokeCalendarFeed } from "../api/calendar-feed";

type CopyState = "idle" | "copied" | "failed";

function errorMessage(error: unknown): string | null {
  if (!error) return null;
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}

/** The feed's secret URL, shown once right after it was made: the server keeps only its hash. */
function NewFeedUrl({ url }: { url: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<CopyState>("idle");
  const headingId = useId();
  const inputId = useId();

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopyState("copied");
    } catch {
      inputRef.current?.select();
      setCopyState("failed");
    }
  }

  return (
    <section className="notice notice--important temp-password" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="temp-password__title">
        Your calendar feed URL
      </h2>
      <div className="temp-password__row">
        <label className="field__label" htmlFor={inputId}>
          Feed URL
        </label>
        <div className="temp-password__value">
          <input
            ref={inputRef}
            id={inputId}
            className="input input--mono"
            readOnly
            value={url}
            autoComplete="off"
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className="button button--secondary" onClick={() => void copy()}>
            Copy URL
          </button>
        </div>
        <p role="status" className="temp-password__copy-status">
          {copyState === "copied" ? "URL copied to the clipboard." : null}
          {copyState === "failed"
            ? "Could not copy automatically. The URL is selected: press Ctrl+C (or Cmd+C on a Mac) to copy it."
            : null}
        </p>
      </div>
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
