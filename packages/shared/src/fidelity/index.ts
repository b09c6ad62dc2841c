// Fidelity to the IPT model: items, ratings, averages, disagreements and the review sample.
export * from "./fidelity";
export * from "./review-sample";
export * from "./contracts";
