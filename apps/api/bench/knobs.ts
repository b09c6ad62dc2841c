// The benchmark's knobs (environment variables) and fixed settings, shared by its modules.

const intEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

export const THERAPISTS = intEnv("BENCH_THERAPISTS", 20);
export const CLIENTS_PER_THERAPIST = intEnv("BENCH_CLIENTS", 60);
export const SECONDS = intEnv("BENCH_SECONDS", 5);
export const CONCURRENCY = intEnv("BENCH_CONCURRENCY", 8);
export const POOL = intEnv("BENCH_POOL", 10);
export const WARMUP_MS = 1_000;
/** Requests made one at a time to count SQL statements per request. */
export const COUNT_SAMPLES = 20;
export const PASSWORD = "bench-password-not-secret";
