// Supervision review: comment threads, change requests and co-signatures.
export * from "./review";
