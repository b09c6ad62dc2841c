// The courses a Bundle holds: one, or a maintenance course and the acute course it continues (its
// CarePlan `replaces` the acute one, docs/decisions/018). Each course is read on its own view of the
// Bundle: the entries that are the client's (Patient, Condition, the inventory's RelatedPersons and
// life events) and the entries of that course — those linked to its CarePlan by references or by the
// session ids of its plan — with every other entry blanked, so entry indices and paths stay the Bundle's.
import { extensionUrl } from "@ipt/shared";
import type { BundleEntry, CarePlan, Resource } from "@medplum/fhirtypes";
import { located } from "./extension-reader";
import { isLifeEvent } from "./inventory";
import type { FhirProblem } from "./structure-validation";

export interface CourseViews {
  /** The acute course a maintenance course continues, when the Bundle holds two. */
  acute: { entries: BundleEntry[]; planPath: string } | null;
  /** The Bundle's own course (the maintenance course when there are two). */
  course: BundleEntry[];
}

const isShared = (resource: Resource | undefined) =>
  resource?.resourceType === "Patient" ||
  resource?.resourceType === "Condition" ||
  resource?.resourceType === "RelatedPerson" ||
  (resource?.resourceType === "Observation" && isLifeEvent(resource));

/** Every `reference` in a resource, but a CarePlan's `replaces` (the link between the two courses). */
function referencesOf(value: unknown, out: string[] = [], key = ""): string[] {
  if (key === "replaces") return out;
  if (Array.isArray(value)) value.forEach((item) => referencesOf(item, out, key));
  else if (value && typeof value === "object") {
    for (const [name, item] of Object.entries(value)) {
      if (name === "reference" && typeof item === "string") out.push(item);
      else referencesOf(item, out, name);
    }
  }
  return out;
}

/** Values of our `session-id` extension anywhere in a resource (scores, flags, threads, co-signatures,
 *  and each planned session of a CarePlan). */
function sessionIdsOf(value: unknown, out: string[] = []): string[] {
  const url = extensionUrl("session-id");
  if (Array.isArray(value)) value.forEach((item) => sessionIdsOf(item, out));
  else if (value && typeof value === "object") {
    const record = value as { url?: unknown; valueString?: unknown };
    if (record.url === url && typeof record.valueString === "string") out.push(record.valueString);
    for (const item of Object.values(value)) sessionIdsOf(item, out);
  }
  return out;
}

export function courseViews(entries: BundleEntry[], problems: FhirProblem[]): CourseViews | null {
  const before = problems.length;
  const plans = located<CarePlan>(entries, "CarePlan");
  if (plans.length < 2) return { acute: null, course: entries };
  const indexOf = (path: string) => Number(/^entry\[(\d+)\]/.exec(path)?.[1] ?? -1);
  if (plans.length > 2) {
    problems.push({
      path: plans[2]?.path ?? "entry",
      message:
        "A course Bundle holds one CarePlan, or a maintenance course's and the acute course's it replaces.",
    });
    return null;
  }
  const [first, second] = plans;
  if (!first || !second) return null;
  const urlOf = (plan: typeof first) => entries[indexOf(plan.path)]?.fullUrl;
  const replacing = (plan: typeof first, other: typeof first) =>
    plan.resource.replaces?.length === 1 && plan.resource.replaces[0]?.reference === urlOf(other);
  const maintenance = replacing(second, first) ? second : replacing(first, second) ? first : null;
  const acute = maintenance === second ? first : second;
  if (!maintenance) {
    problems.push({
      path: `${second.path}.replaces`,
      message:
        "Two CarePlans: the maintenance course's must replace (CarePlan.replaces) the acute course's it continues.",
    });
    return null;
  }

  if (acute.resource.replaces) {
    problems.push({
      path: `${acute.path}.replaces`,
      message: "The acute course of a maintenance Bundle replaces no other course.",
    });
    return null;
  }

  // Union-find over the course entries, joined by references and by the sessions of each plan.
  const parent = entries.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    return root;
  };
  const join = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  const byUrl = new Map(entries.flatMap((entry, index) => (entry.fullUrl ? [[entry.fullUrl, index]] : [])));
  const planOfSession = new Map<string, number>();
  for (const plan of [acute, maintenance]) {
    for (const id of sessionIdsOf(plan.resource.activity)) planOfSession.set(id, indexOf(plan.path));
  }
  entries.forEach((entry, index) => {
    if (!entry.resource || isShared(entry.resource)) return;
    for (const reference of referencesOf(entry.resource)) {
      const other = byUrl.get(reference);
      if (other !== undefined && !isShared(entries[other]?.resource)) join(index, other);
    }
    for (const id of sessionIdsOf(entry.resource)) {
      const plan = planOfSession.get(id);
      if (plan !== undefined) join(index, plan);
    }
  });

  const acuteRoot = find(indexOf(acute.path));
  const ownRoot = find(indexOf(maintenance.path));
  if (acuteRoot === ownRoot) {
    problems.push({
      path: maintenance.path,
      message: "The two courses' records refer to each other: each entry belongs to one course.",
    });
    return null;
  }
  entries.forEach((entry, index) => {
    if (!entry.resource || isShared(entry.resource)) return;
    const root = find(index);
    if (root !== acuteRoot && root !== ownRoot) {
      problems.push({
        path: `entry[${String(index)}]`,
        message: "This entry belongs to neither course of the Bundle: it refers to no record of either.",
      });
    }
  });
  if (problems.length > before) return null;
  const view = (root: number) =>
    entries.map((entry, index) =>
      !entry.resource || isShared(entry.resource) || find(index) === root ? entry : {},
    );
  return { acute: { entries: view(acuteRoot), planPath: acute.path }, course: view(ownRoot) };
}
