// Comparing two FHIR exports of one course "ids aside": every UUID and pseudonym is renamed by its order
// of first appearance, so the comparison sees content and which entry refers to which, never the ids
// of one instance. `importable` leaves out what an import does not carry (docs/decisions/018).
import { extensionUrl } from "@ipt/shared";
import type { Bundle, Resource } from "@medplum/fhirtypes";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{32}\b/g;

/** The Bundle with every id (UUIDs, pseudonyms) replaced by its order of first appearance, so two
 *  exports compare by content and by which entries refer to which. */
export function idsAside(bundle: Bundle): unknown {
  const names = new Map<string, string>();
  const rename = (value: unknown): unknown => {
    if (typeof value === "string") {
      return value.replace(UUID, (id) => {
        if (!names.has(id)) names.set(id, `id-${String(names.size + 1)}`);
        return names.get(id) ?? id;
      });
    }
    if (Array.isArray(value)) return value.map(rename);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rename(item)]));
    }
    return value;
  };
  const { timestamp: _timestamp, ...rest } = bundle;
  return rename(rest);
}

const notImported = new Set([extensionUrl("acknowledged-at"), extensionUrl("acknowledged-by")]);
const roles = new Set([extensionUrl("author-role"), extensionUrl("fidelity-rater-role")]);

/** Written by a supervisor: a thread a supervisor opened, a supervisor's message or fidelity rating. */
const bySupervisor = (resource: Resource | undefined) =>
  !!resource &&
  "extension" in resource &&
  !!resource.extension?.some((e) => roles.has(e.url) && e.valueCoding?.code === "supervisor");

/** What an import keeps: no co-signatures, no supervisors' acknowledgements, review threads, messages
 *  or fidelity ratings (a thread a supervisor opened goes with every message in it). */
export function importable(bundle: Bundle): Bundle {
  const entries = bundle.entry ?? [];
  const supervisorThreads = new Set(
    entries.flatMap((e) =>
      e.resource?.resourceType === "Task" && bySupervisor(e.resource) ? [e.fullUrl] : [],
    ),
  );
  return {
    ...bundle,
    entry: entries
      .filter((entry) => {
        const resource = entry.resource;
        if (bySupervisor(resource)) return false;
        if (
          resource?.resourceType === "Communication" &&
          supervisorThreads.has(resource.partOf?.[0]?.reference)
        )
          return false;
        return !(
          resource?.resourceType === "Provenance" &&
          resource.extension?.some((e) => e.valueString === "co-signature")
        );
      })
      .map((entry) =>
        entry.resource?.resourceType === "Flag"
          ? {
              ...entry,
              resource: {
                ...entry.resource,
                extension: entry.resource.extension?.filter((e) => !notImported.has(e.url)),
              },
            }
          : entry,
      ),
  };
}
