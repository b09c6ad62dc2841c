import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** A write the test finishes by hand: each call waits until the test resolves or rejects it. */
function manualWrites<T>() {
  const calls: { items: readonly T[]; done: () => void; fail: (error: unknown) => void }[] = [];
  const write = (items: readonly T[]) =>
    new Promise<void>((resolve, reject) => calls.push({ items: [...items], done: resolve, fail: reject }));
  return { calls, write };
}

/** Lets every promise callback that is ready run (no timers involved). */
const settle = async (ticks = 20) => {
  for (let i = 0; i < ticks; i++) await Promise.resolve();
};

/** The state of a promise without waiting for it. */
function track(promise: Promise<void>) {
  const state: { status: "pending" | "resolved" | "rejected"; error?: unknown } = { status: "pending" };
  promise.then(
    () => (state.status = "resolved"),
    (error: unknown) => Object.assign(state, { status: "rejected", error }),
  );
  return state;
}

/** A seeded random number generator (mulberry32), so a failing run can be repeated. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("group commit", () => {
  it("writes at once when nothing is in flight: no timer, a batch of one", async () => {
    const { calls, write } = manualWrites<string>();
    const writer = new GroupCommit(write, { maxInFlight: 1 });

    const first = track(writer.add("a"));

    expect(calls.map((c) => c.items)).toEqual([["a"]]); // synchronously, inside add()
    expect(first.status).toBe("pending");
    calls[0]?.done();
    await settle();
    expect(first.status).toBe("resolved");
  });

  it("batches what queues while a write is in flight, and answers no one before their batch commits", async () => {
    const { calls, write } = manualWrites<string>();
    const writer = new GroupCommit(write, { maxInFlight: 1 });

    const a = track(writer.add("a"));
    const queued = ["b", "c", "d"].map((item) => track(writer.add(item)));
    await settle();
    expect(calls).toHaveLength(1);
    expect(queued.every((q) => q.status === "pending")).toBe(true);

    calls[0]?.done();
    await settle();
    expect(a.status).toBe("resolved");
    // The queued items went as one batch the moment the first write finished; still unanswered.
    expect(calls.map((c) => c.items)).toEqual([["a"], ["b", "c", "d"]]);
    expect(queued.every((q) => q.status === "pending")).toBe(true);

    calls[1]?.done();
    await settle();
    expect(queued.every((q) => q.status === "resolved")).toBe(true);
  });

  it("keeps at most maxInFlight writes going and at most maxBatch items in one", async () => {
    const { calls, write } = manualWrites<number>();
    const writer = new GroupCommit(write, { maxInFlight: 2, maxBatch: 3 });

    const all = Array.from({ length: 10 }, (_, i) => writer.add(i));
    await settle();
    expect(calls.map((c) => c.items)).toEqual([[0], [1]]);
    calls[0]?.done();
    await settle();
    expect(calls.map((c) => c.items)).toEqual([[0], [1], [2, 3, 4]]);
    calls[1]?.done();
    calls[2]?.done();
    await settle();
    expect(calls.slice(3).map((c) => c.items)).toEqual([
      [5, 6, 7],
      [8, 9],
    ]);
    calls[3]?.done();
    calls[4]?.done();
    await expect(Promise.all(all)).resolves.toHaveLength(10);
  });

  it("a failed batch fails every caller in it, and only them", async () => {
    const { calls, write } = manualWrites<string>();
    const writer = new GroupCommit(write, { maxInFlight: 1 });

    const a = track(writer.add("a"));
    const batch = ["b", "c"].map((item) => track(writer.add(item)));
    calls[0]?.done();
    await settle();
    const later = track(writer.add("d")); // queued behind the failing batch
    const refused = new Error("connection lost");
    calls[1]?.fail(refused);
    await settle();

    expect(a.status).toBe("resolved");
    expect(batch.map((b) => b.status)).toEqual(["rejected", "rejected"]);
    expect(batch.map((b) => b.error)).toEqual([refused, refused]);
    // The writer goes on: the next batch is written as usual.
    expect(calls[2]?.items).toEqual(["d"]);
    calls[2]?.done();
    await settle();
    expect(later.status).toBe("resolved");
  });

  it("when the database refused the batch, writes each item alone: one bad item fails only its caller", async () => {
    const written: string[] = [];
    const writer = new GroupCommit<string>(
      async (items) => {
        await Promise.resolve();
        if (items.includes("bad")) throw new Error("invalid byte sequence");
        written.push(...items);
      },
      { maxInFlight: 1, retryAlone: (error) => String(error).includes("invalid") },
    );
    const first = writer.add("first"); // in flight, so the next three make one batch
    const results = await Promise.allSettled([first, ...["x", "bad", "y"].map((item) => writer.add(item))]);

    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(written).toEqual(["first", "x", "y"]);
  });

  it("a write that answers each item gives each caller its own answer, also when items are retried alone", async () => {
    const writer = new GroupCommit<string, string>(
      async (items) => {
        await Promise.resolve();
        if (items.includes("bad")) throw new Error("invalid byte sequence");
        return items.map((item) => `${item}: written`);
      },
      { maxInFlight: 1, retryAlone: (error) => String(error).includes("invalid") },
    );
    const first = writer.add("first");
    const batch = ["x", "y", "z"].map((item) => writer.add(item)); // one batch behind the first
    expect(await Promise.all([first, ...batch])).toEqual([
      "first: written",
      "x: written",
      "y: written",
      "z: written",
    ]);

    const retried = await Promise.allSettled([
      writer.add("a"),
      ...["b", "bad", "c"].map((i) => writer.add(i)),
    ]);
    expect(retried.map((r) => (r.status === "fulfilled" ? r.value : "refused"))).toEqual([
      "a: written",
      "b: written",
      "refused",
      "c: written",
    ]);
  });

  it("under random interleavings no caller is answered unless its item was written, and none is left hanging", async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = seeded(seed);
      const committed = new Map<number, number>(); // item → times written
      const writer = new GroupCommit<number>(
        async (items) => {
          // A write takes a random number of turns of the event loop's promise queue.
          for (let i = Math.floor(random() * 5); i > 0; i--) await Promise.resolve();
          const roll = random();
          if (roll < 0.15) throw new Error("refused: nothing written");
          if (roll < 0.25) {
            // Written, but the acknowledgement was lost (a connection cut after COMMIT).
            for (const item of items) committed.set(item, (committed.get(item) ?? 0) + 1);
            throw new Error("connection lost after commit");
          }
          for (const item of items) committed.set(item, (committed.get(item) ?? 0) + 1);
        },
        {
          maxInFlight: 1 + Math.floor(random() * 3),
          maxBatch: 1 + Math.floor(random() * 20),
          retryAlone: (error) => String(error).includes("refused") && random() < 0.5,
        },
      );

      const outcomes = new Map<number, ReturnType<typeof track>>();
      const promises: Promise<void>[] = [];
      for (let item = 0; item < 300; item++) {
        const promise = writer.add(item);
        promises.push(promise.catch(() => {}));
        outcomes.set(item, track(promise));
        if (random() < 0.3) await settle(Math.floor(random() * 6));
      }
      await Promise.all(promises);
      await writer.drained();

      for (const [item, outcome] of outcomes) {
        expect(outcome.status, `seed ${seed}, item ${item}`).not.toBe("pending");
        // An answered caller's item is in the database; a retry never writes it twice.
        if (outcome.status === "resolved") expect(committed.get(item), `seed ${seed}, item ${item}`).toBe(1);
      }
      // Every item written was either acknowledged or its caller was told it failed (never silence).
      expect([...outcomes.values()].filter((o) => o.status === "resolved").length).toBeGreaterThan(0);
    }
  });
});
