export * from "./errors/api-error";
export * from "./common/pagination";
export * from "./auth/roles";
export * from "./auth/password";
export * from "./auth/auth";
export * from "./users/users";
export * from "./audit/audit";
export * from "./health/health";
