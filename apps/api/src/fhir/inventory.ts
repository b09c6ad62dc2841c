// The client's interpersonal inventory in the Bundle (docs/decisions/018): a `RelatedPerson` per person
// (the label as name.text, the relationship as text, the closeness ring and the inventory's questions
// in extensions) and an `Observation` per life event (category social-history, the kind a code of our
// own, the date as effectiveDateTime, the description as valueString, `focus` the person it concerns).
// Live rows only (clinical/live.ts); an event whose person was removed travels without `focus`, as
// the app shows it. The label is what the therapist calls the person ("Mother — Anne"): a third
// party's name, so it travels only in an export with identifying details; a pseudonymised export gives
// the relationship alone, and an import of it names the people "Person 1", "Person 2"… in the Bundle's
// order. And the way back, each problem named by its path.
import {
  closenessRing,
  createLifeEventRequest,
  extensionUrl,
  inventoryPersonFields,
  fromDateColumn,
  iptCodeSystems,
  type lifeEventKind,
  socialHistoryCategory,
} from "@ipt/shared";
import type { BundleEntry, Observation, RelatedPerson } from "@medplum/fhirtypes";
import { z } from "zod";
import { extension, localCoding, ref, urnOf } from "./extensions";
import { ExtensionReader, located } from "./extension-reader";
import type { ExportLifeEvent, ExportPerson } from "./export-source";
import type { FhirProblem } from "./structure-validation";

const ringLabels = { inner: "Inner circle", middle: "Middle circle", outer: "Outer circle" } as const;
const kindLabels = {
  death: "Death of someone close",
  dispute: "Dispute",
  transition: "Role transition",
  other: "Other life event",
} as const;

/** The label an import gives a person the Bundle does not name (a pseudonymised export). */
export const unnamedPersonLabel = (position: number) => `Person ${String(position)}`;

export function relatedPersonOf(
  person: ExportPerson,
  patientUrl: string,
  includeIdentifyingDetails: boolean,
): RelatedPerson {
  return {
    resourceType: "RelatedPerson",
    extension: [
      ...extension("inventory-person-id", person.id),
      ...extension(
        "closeness-ring",
        localCoding(iptCodeSystems.closenessRing, person.ring, ringLabels[person.ring]),
      ),
      ...extension("positives", person.positives),
      ...extension("negatives", person.negatives),
      ...extension("expectations", person.expectations),
      ...extension("changes-near-onset", person.changesNearOnset),
      ...extension("support", person.support),
    ],
    patient: ref(patientUrl),
    relationship: [{ text: person.relationship }],
    ...(includeIdentifyingDetails ? { name: [{ text: person.label }] } : {}),
  };
}

export function lifeEventOf(
  event: ExportLifeEvent,
  urls: { patient: string; personOf: (personId: string) => string | null },
): Observation {
  const person = event.personId ? urls.personOf(event.personId) : null;
  return {
    resourceType: "Observation",
    extension: extension("life-event-id", event.id),
    status: "final",
    category: [{ coding: [socialHistoryCategory] }],
    code: {
      coding: [localCoding(iptCodeSystems.lifeEventKind, event.kind, kindLabels[event.kind])],
      text: kindLabels[event.kind],
    },
    subject: ref(urls.patient),
    ...(person ? { focus: [ref(person)] } : {}),
    effectiveDateTime: fromDateColumn(event.occurredOn),
    valueString: event.description,
  };
}

/** The inventory's entries: the people first (events refer to them), then the events by date. */
export function inventoryEntries(
  client: { people: ExportPerson[]; lifeEvents: ExportLifeEvent[] },
  patientUrl: string,
  includeIdentifyingDetails: boolean,
): { fullUrl: string; resource: RelatedPerson | Observation }[] {
  const livePeople = new Set(client.people.map((person) => person.id));
  const personOf = (personId: string) => (livePeople.has(personId) ? urnOf(personId) : null);
  return [
    ...client.people.map((person) => ({
      fullUrl: urnOf(person.id),
      resource: relatedPersonOf(person, patientUrl, includeIdentifyingDetails),
    })),
    ...client.lifeEvents.map((event) => ({
      fullUrl: urnOf(event.id),
      resource: lifeEventOf(event, { patient: patientUrl, personOf }),
    })),
  ];
}

export interface ImportedInventory {
  people: {
    sourceId: string;
    label: string;
    relationship: string;
    ring: z.infer<typeof closenessRing>;
    positives: string;
    negatives: string;
    expectations: string;
    changesNearOnset: string;
    support: string;
  }[];
  lifeEvents: {
    personSourceId: string | null;
    occurredOn: string;
    kind: z.infer<typeof lifeEventKind>;
    description: string;
  }[];
}

/** Is this Observation a life event of ours (and not a score's)? By its code system. */
export const isLifeEvent = (observation: Observation) =>
  observation.code.coding?.[0]?.system === iptCodeSystems.lifeEventKind;

/** Our API's own rules for an inventory person and a life event (lengths, required text), so an
 *  imported row is one the app could have written. */
const personSchema = z.object(inventoryPersonFields);
const lifeEventSchema = createLifeEventRequest.pick({ occurredOn: true, kind: true, description: true });

export function readInventory(entries: BundleEntry[], problems: FhirProblem[]): ImportedInventory {
  const people = located<RelatedPerson>(entries, "RelatedPerson").flatMap(({ resource, path }, index) => {
    const ext = new ExtensionReader(resource.extension, path, problems);
    const sourceId = ext.string("inventory-person-id", true);
    const ring = ext.code("closeness-ring", closenessRing, true);
    const parsed = personSchema.safeParse({
      // A pseudonymised export names no one: the person's position stands in for the label.
      label: resource.name ? resource.name[0]?.text : unnamedPersonLabel(index + 1),
      relationship: resource.relationship?.[0]?.text,
      ring: ring ?? "inner",
      positives: ext.string("positives") ?? "",
      negatives: ext.string("negatives") ?? "",
      expectations: ext.string("expectations") ?? "",
      changesNearOnset: ext.string("changes-near-onset") ?? "",
      support: ext.string("support") ?? "",
    });
    const pathOf: Record<string, string> = { label: "name[0].text", relationship: "relationship[0].text" };
    for (const issue of parsed.error?.issues ?? []) {
      const field = String(issue.path[0]);
      problems.push({ path: `${path}.${pathOf[field] ?? "extension"}`, message: issue.message });
    }
    if (!sourceId || !ring || !parsed.success) return [];
    return [{ sourceId, ...parsed.data, ring }];
  });
  // A person's entry URL to its id (a malformed person refuses the whole Bundle above).
  const personSourceIds = new Map(
    entries.flatMap((entry) => {
      const id =
        entry.resource?.resourceType === "RelatedPerson"
          ? entry.resource.extension?.find((e) => e.url === extensionUrl("inventory-person-id"))?.valueString
          : undefined;
      return entry.fullUrl && id ? [[entry.fullUrl, id] as const] : [];
    }),
  );
  const lifeEvents = located<Observation>(entries, "Observation")
    .filter(({ resource }) => isLifeEvent(resource))
    .flatMap(({ resource, path }) => {
      new ExtensionReader(resource.extension, path, problems).string("life-event-id", true);
      const parsed = lifeEventSchema.safeParse({
        occurredOn: resource.effectiveDateTime,
        kind: resource.code.coding?.[0]?.code,
        description: resource.valueString,
      });
      const pathOf: Record<string, string> = {
        occurredOn: "effectiveDateTime",
        kind: "code.coding[0].code",
        description: "valueString",
      };
      for (const issue of parsed.error?.issues ?? []) {
        problems.push({ path: `${path}.${pathOf[String(issue.path[0])] ?? ""}`, message: issue.message });
      }
      const focus = resource.focus?.[0]?.reference;
      const personSourceId = focus ? personSourceIds.get(focus) : undefined;
      if (focus && !personSourceId)
        problems.push({
          path: `${path}.focus[0].reference`,
          message: "The life event names no person of the inventory.",
        });
      if (!parsed.success) return [];
      return [{ personSourceId: personSourceId ?? null, ...parsed.data }];
    });
  const ids = people.map((person) => person.sourceId);
  if (ids.some((id, index) => ids.indexOf(id) !== index))
    problems.push({ path: "entry", message: "Two inventory people have the same id." });
  return { people, lifeEvents };
}
