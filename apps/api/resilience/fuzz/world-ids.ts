// Where the fuzz's ids come from: a field or parameter named like a record (`sessionId`, `userId`, …)
// mostly gets a real id of that kind from either tenant, sometimes any real id (the wrong kind of
// record) and sometimes a random uuid (no record at all).
import fc from "fast-check";
import type { World } from "../../test/security/world";
import type { Hooks } from "./arbitraries";

export function worldHooks(world: World): Hooks {
  const { owner, other } = world;
  const both = (key: keyof typeof owner) => [owner[key], other[key]] as string[];
  const accounts = [...Object.values(world.accounts), world.loginProbe].map((account) => account.id);
  const pools: Record<string, string[]> = {
    clientId: [...both("clientId"), world.deactivatedClientId],
    personId: both("personId"),
    eventId: both("eventId"),
    courseId: both("courseId"),
    sessionId: [...both("sessionId"), ...both("heldSessionId")],
    measureId: both("measureId"),
    riskFlagId: both("riskFlagId"),
    threadId: both("threadId"),
    linkId: both("linkId"),
    groupId: both("groupId"),
    groupSessionId: both("groupSessionId"),
    userId: accounts,
    actorId: accounts,
    supervisorId: [owner.supervisor.id, other.supervisor.id],
    therapistId: [owner.therapist.id, other.therapist.id, world.accounts.deactivated.id],
  };
  const all = [...new Set(Object.values(pools).flat())];
  const simpleEmail = fc
    .tuple(fc.stringMatching(/^[a-z0-9.]{1,16}$/), fc.constantFrom("example.test", "ipt.example.org"))
    .map(([local, domain]) => `${local}@${domain}`);
  return {
    uuid: (name) =>
      fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...(pools[name] ?? all)) },
        { weight: 2, arbitrary: fc.constantFrom(...all) },
        { weight: 1, arbitrary: fc.uuid() },
      ),
    // The sign-in probe's address now and then: sign-in then meets a real account (wrong password).
    email: () =>
      fc.oneof(
        { weight: 4, arbitrary: simpleEmail },
        { weight: 2, arbitrary: fc.emailAddress() },
        { weight: 1, arbitrary: fc.constant(world.loginProbe.email) },
      ),
  };
}
