// What the load driver saw: every request's latency and outcome, and every acknowledged write, kept
// per record so the database can be compared with it afterwards (exactly: nothing lost, nothing extra).
import type { ApiResponse } from "../harness";

/** The tables written, each counted per owning record (therapist, client, course or session). */
export type WriteKind = "clients" | "inventory people" | "measure scores" | "session edits";

export class Ledger {
  requests = 0;
  latenciesMs: number[] = [];
  /** Error answers and failures by kind: "503 POST /api/clients", "network GET /api/courses/:id", … */
  errors = new Map<string, number>();
  /** Acknowledged writes per kind, per owner id. */
  acked = new Map<WriteKind, Map<string, number>>();
  /** Replays of an idempotent create, and those whose answer differed from the first. */
  replays = 0;
  replayMismatches = 0;

  /** Counts a response; true when it is 2xx. `route` names the request in the error breakdown. */
  saw(route: string, response: ApiResponse): boolean {
    this.requests += 1;
    this.latenciesMs.push(response.ms);
    if (response.status >= 200 && response.status < 300) return true;
    this.error(`${response.status} ${route}`);
    return false;
  }

  failed(route: string, error: unknown) {
    this.requests += 1;
    // fetch() says "fetch failed"; what failed (ECONNRESET, ECONNREFUSED …) is in its cause.
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause : error).message : String(error);
    this.error(`network ${route}: ${reason}`);
  }

  write(kind: WriteKind, ownerId: string) {
    const owners = this.acked.get(kind) ?? new Map<string, number>();
    owners.set(ownerId, (owners.get(ownerId) ?? 0) + 1);
    this.acked.set(kind, owners);
  }

  ackedCount(kind?: WriteKind): number {
    const kinds = kind ? [kind] : [...this.acked.keys()];
    return kinds.reduce(
      (sum, k) => sum + [...(this.acked.get(k)?.values() ?? [])].reduce((a, b) => a + b, 0),
      0,
    );
  }

  errorCount(): number {
    return [...this.errors.values()].reduce((a, b) => a + b, 0);
  }

  private error(key: string) {
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }
}
