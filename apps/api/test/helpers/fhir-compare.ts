// Comparing two FHIR exports of one course "ids aside": every UUID and pseudonym is renamed by its order
// of first appearance, so the comparison sees content and which entry refers to which, never the ids
// of one instance. An import carries everything an export holds (docs/decisions/018), so the two are
// compared whole. `supervisionOf` lists a Bundle's supervisors' records, so a test can show they are
// there to compare.
import { extensionUrl } from "@ipt/shared";
import type { Bundle } from "@medplum/fhirtypes";

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

/** The Bundle's review threads (Task), messages (Communication) and fidelity ratings, by the role each
 *  was written in, its co-signatures (Provenance), acknowledged risk flags and flags whose follow-up
 *  names the supervisor informed: a round trip that dropped any of them would change these counts. */
export function supervisionOf(bundle: Bundle): Record<string, number> {
  const counts: Record<string, number> = {};
  const count = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const { resource } of bundle.entry ?? []) {
    if (!resource || !("extension" in resource)) continue;
    if (
      resource.resourceType === "Provenance" &&
      resource.extension?.some((e) => e.valueString === "co-signature")
    )
      count("Provenance co-signature");
    if (
      resource.resourceType === "Flag" &&
      resource.extension?.some((e) => e.url === extensionUrl("acknowledged-by"))
    )
      count("Flag acknowledged");
    if (
      resource.resourceType === "Flag" &&
      resource.extension?.some(
        (e) =>
          e.url === extensionUrl("safety-follow-up") &&
          e.extension?.some((part) => part.url === "supervisor"),
      )
    )
      count("Flag follow-up supervisor");
    const role = resource.extension?.find(
      (e) => e.url === extensionUrl("author-role") || e.url === extensionUrl("fidelity-rater-role"),
    )?.valueCoding?.code;
    if (!role) continue;
    count(`${resource.resourceType} ${role}`);
  }
  return counts;
}
