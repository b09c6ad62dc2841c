// The access oracle: a small pure statement of who may reach what, written apart from the product's
// code so the BOLA property can compare the two. A request is allowed only if the route's policy
// admits the actor and every record it names (params, and ids inside the body or query) is one the
// actor may reach through that route.
import type { PolicyName } from "../../src/policy/policies";

export type RecordKind =
  "client" | "person" | "event" | "course" | "session" | "measure" | "riskFlag" | "thread" | "user";

/** A record the fixtures made, with the therapist whose client it belongs to (a user: themself). */
export interface KnownRecord {
  kind: RecordKind;
  therapistId: string;
  /** For inventory people and life events: the client they belong to. */
  clientId?: string;
}

export interface OracleActor {
  userId: string;
  role: "therapist" | "supervisor" | "admin";
  active: boolean;
}

/** A record id the request names, and the kind the name promises. */
export interface Reference {
  name: string;
  id: string;
}

export interface OracleWorld {
  records: ReadonlyMap<string, KnownRecord>;
  supervises(supervisorId: string, therapistId: string): boolean;
}

/** The kind each param (or body/query field) name stands for. */
export const KIND_OF: Record<string, RecordKind> = {
  clientId: "client",
  personId: "person",
  eventId: "event",
  courseId: "course",
  sessionId: "session",
  measureId: "measure",
  riskFlagId: "riskFlag",
  threadId: "thread",
  userId: "user",
  supervisorId: "user",
  therapistId: "user",
};

/** May the actor read this record at all (the owner, or a supervisor assigned to the owner)? */
export function mayRead(world: OracleWorld, actor: OracleActor | null, record: KnownRecord): boolean {
  if (!actor?.active) return false;
  if (actor.role === "therapist") return record.therapistId === actor.userId;
  if (actor.role === "supervisor") return world.supervises(actor.userId, record.therapistId);
  return false;
}

/** The records named, if every one is known and of the kind its name promises (else null). */
function resolve(world: OracleWorld, refs: Reference[]): KnownRecord[] | null {
  const found: KnownRecord[] = [];
  for (const ref of refs) {
    const record = world.records.get(ref.id);
    if (!record || record.kind !== KIND_OF[ref.name]) return null;
    found.push(record);
  }
  // A person or life event is reached only through its own client.
  const clientId = refs.find((ref) => ref.name === "clientId")?.id;
  if (clientId && found.some((record) => record.clientId && record.clientId !== clientId)) return null;
  return found;
}

export function oracleAllows(
  world: OracleWorld,
  actor: OracleActor | null,
  route: { method: string; url: string; policy: PolicyName },
  refs: Reference[],
): boolean {
  if (route.policy === "public") return true;
  if (!actor?.active) return false;
  if (route.policy === "session" || route.policy === "signedIn" || route.policy === "signInStep") return true;
  if (route.policy === "admin") return actor.role === "admin" && resolve(world, refs) !== null;
  // On a clinical route a supervisorId names who was told of a risk: one of the owner's supervisors.
  const named = refs.filter((ref) => ref.name === "supervisorId");
  const records = resolve(
    world,
    refs.filter((ref) => ref.name !== "supervisorId"),
  );
  if (!records || resolve(world, named) === null) return false;
  const informed = named.every((ref) =>
    records.every((record) => world.supervises(ref.id, record.therapistId)),
  );
  if (!informed) return false;
  const owns = records.every((record) => record.therapistId === actor.userId);
  const supervisesAll = records.every((record) => world.supervises(actor.userId, record.therapistId));
  switch (route.policy) {
    case "therapist":
      return actor.role === "therapist" && owns;
    case "supervisor":
      return actor.role === "supervisor" && supervisesAll;
    case "clinicalReader":
    case "fidelityRater":
      // Resolving a review thread is the therapist's alone.
      if (route.url.endsWith("/resolve")) return actor.role === "therapist" && owns;
      return (actor.role === "therapist" && owns) || (actor.role === "supervisor" && supervisesAll);
  }
}
