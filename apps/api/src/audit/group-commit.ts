// Group commit (docs/decisions/022, "Audit rows of reads: group commit"): items handed in by
// concurrent callers are written in batches, one write (one statement, one commit, one WAL flush)
// for many callers, and each caller's promise settles only when the batch that holds its item has
// committed — or rejects with the batch's error. Nothing waits for a timer: when no write is in
// flight an item is written at once (a batch of one); what arrives while writes are in flight
// queues, and goes as the next batch as soon as one finishes, as PostgreSQL's own group commit
// gathers the commits that queue behind a WAL flush.
//
// Generic over the item and the write, so the benchmark's raw-pg floor batches the same way as the
// app (bench/raw-floor.ts). A write may answer each item (R, e.g. what the database decided for
// it): it resolves to one result per item, in the items' order, and each caller gets its own.

export interface GroupCommitOptions {
  /** The most items in one write (500). */
  maxBatch?: number;
  /**
   * How many writes may be in flight at once (1): while one commits, the next batch fills. A second
   * write in flight halves the batches, and each statement's fixed cost is then paid twice as often
   * (measured: docs/benchmarks.md, "Sealing per batch").
   */
  maxInFlight?: number;
  /**
   * Whether a failed batch of more than one item is worth writing again item by item (each alone,
   * so one bad item fails only its own caller). Say no for errors after which the batch may have
   * committed (a lost connection): those fail every caller in the batch, never retried.
   */
  retryAlone?: (error: unknown) => boolean;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T, R = void> {
  private queue: Waiting<T, R>[] = [];
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly retryAlone: (error: unknown) => boolean;

  constructor(
    /** Writes the items; may resolve to an array of one result per item, in order (else nothing). */
    private readonly write: (items: readonly T[]) => Promise<unknown>,
    { maxBatch = 500, maxInFlight = 1, retryAlone = () => false }: GroupCommitOptions = {},
  ) {
    if (maxBatch < 1 || maxInFlight < 1) throw new Error("maxBatch and maxInFlight must be at least 1");
    this.maxBatch = maxBatch;
    this.maxInFlight = maxInFlight;
    this.retryAlone = retryAlone;
  }

  /**
   * Resolves once `item` is committed (with the write's result for it, if the write gives results);
   * rejects with the error of the write that was to hold it.
   */
  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Resolves when nothing is queued or in flight (e.g. before closing the database client). */
  drained(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
        if (this.queue.length === 0 && this.inFlight === 0) {
          for (const resolve of this.idle.splice(0)) resolve();
        }
      });
    }
  }

  private async commit(batch: Waiting<T, R>[]): Promise<void> {
    let results: unknown;
    try {
      results = await this.write(batch.map((waiting) => waiting.item));
    } catch (error) {
      if (batch.length > 1 && this.retryAlone(error)) {
        // The batch did not commit (the database refused the statement): each item alone, so only
        // the item the database refuses fails its caller.
        for (const waiting of batch) await this.commit([waiting]);
        return;
      }
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    // Without results (R = void) every caller gets undefined, which is what void promises resolve to.
    const answers: readonly unknown[] = Array.isArray(results) ? results : [];
    batch.forEach((waiting, i) => waiting.resolve(answers[i] as R));
  }
}
