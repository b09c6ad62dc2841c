export const APP_NAME = "IPT Session Planner";

/**
 * Clinical records change from other pages (a session saved changes its course; a plan edit moves
 * sessions), so they are read again whenever a page opens. The few seconds only cover the gap
 * between a page's loader and its first render, so one visit makes one request.
 */
export const CLINICAL_RECORD_STALE_MS = 5_000;
