// Supervision: fidelity items and ratings, the review sample, and the supervisor's views.
export * from "./fidelity";
export * from "./review-sample";
export * from "./contracts";
export * from "./review";
export * from "./settings";
