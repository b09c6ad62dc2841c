// Measurement-based care: instruments, scoring, outcomes, the measurement schedule and alerts.
export * from "./vocabulary";
export * from "./settings";
export * from "./results";
export * from "./instruments";
export * from "./scoring";
export * from "./outcomes";
export * from "./schedule";
export * from "./alerts";
export * from "./completion";
