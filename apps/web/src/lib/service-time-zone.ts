// The service's time zone on the web: it comes from the API with the session (the app shell provides
// it), never from the browser. Kept apart from the date arithmetic (service-today.ts) so the shell,
// in the first bundle, does not carry it.
import { createContext, useContext } from "react";

const ServiceTimeZone = createContext<string | null>(null);

export const ServiceTimeZoneProvider = ServiceTimeZone.Provider;

/** The service's IANA time zone; only inside the signed-in app. */
export function useServiceTimeZone(): string {
  const timeZone = useContext(ServiceTimeZone);
  if (!timeZone) throw new Error("useServiceTimeZone must be used inside the signed-in app shell.");
  return timeZone;
}
