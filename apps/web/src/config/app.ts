export const APP_NAME = "IPT Session Planner";
