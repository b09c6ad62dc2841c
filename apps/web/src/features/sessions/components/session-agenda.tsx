import { useSession } from "../api/get-session";
import { AgendaList } from "../../../components/clinical/agenda-list";

/** One session's stored agenda, fetched on its own (for lists of many sessions). */
export function SessionAgenda({ sessionId }: { sessionId: string }) {
  const session = useSession(sessionId);
  if (session.isPending) return <p className="muted">Loading the agenda…</p>;
  if (session.isError) {
    return (
      <p className="muted">
        The agenda could not be loaded.{" "}
        <button
          type="button"
          className="button button--link button--small"
          onClick={() => void session.refetch()}
        >
          Try again
        </button>
      </p>
    );
  }
  return <AgendaList agenda={session.data.agenda} />;
}
