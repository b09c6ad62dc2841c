// Supervision: the supervisor's views (cockpit, per-therapist summaries) and the supervision settings.
export * from "./contracts";
export * from "./settings";
