// Calendar dates, the service's time zone and times of day: the one way to handle dates in API and web.
export * from "./calendar";
export * from "./time-of-day";
export * from "./time-zone-names";
export * from "./zone";
export * from "./service-settings";
export * from "./schemas";
