// Safety pathway: escalation of risk flags to supervisors, their acknowledgement, the safety settings.
export * from "./escalation";
export * from "./settings";
export * from "./risk-review";
export * from "./outreach";
export * from "./crisis-steps";
