// The fuzz's seven actors over the security world (test/security/world.ts), sending as a same-origin
// page of the app would (session cookie, CSRF header, Origin, Sec-Fetch-Site). Fuzzed requests
// change the world: a logout ends the actor's session; an admin's request may deactivate, re-role,
// rename, reset or sign out a world account or unlink its supervisor. After any answer that may have
// done so, the accounts and links are put back as they were and dead sessions replaced by a new
// sign-in, so every case runs as the actor it names. The deactivated user stays deactivated.
import { endpointPath, endpoints } from "@ipt/shared";
import type { LightMyRequestResponse } from "fastify";
import { signIn } from "../../test/helpers/app";
import type { ActorName, World } from "../../test/security/world";
import type { FuzzRequest } from "./requests";

const HOST = "ipt.fuzz.test";
/** Where a write may change an account, a link or a session: account management, and the auth endpoints. */
const ACCOUNT_URLS = [
  endpointPath(endpoints.users.list),
  ...Object.values(endpoints.auth).map((e) => e.path),
];
const LIVE: Exclude<ActorName, "anonymous" | "deactivated">[] = [
  "owner",
  "otherTherapist",
  "ownerSupervisor",
  "otherSupervisor",
  "admin",
];

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

async function snapshot(world: World) {
  const ids = [...Object.values(world.accounts), world.loginProbe].map((account) => account.id);
  const users = await world.prisma.user.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      passwordHash: true,
      mustChangePassword: true,
    },
  });
  const links = await world.prisma.supervisionAssignment.findMany({ where: { therapistId: { in: ids } } });
  return { users, links };
}

/** May this answer have changed an account, a link or a session the fuzz relies on? */
function mayHaveChangedAccounts(actor: ActorName, request: FuzzRequest, response: LightMyRequestResponse) {
  const status = response.statusCode;
  if (
    LIVE.some((live) => live === actor) &&
    (status === 401 || response.body.includes('"password_change_required"'))
  ) {
    return true;
  }
  const write = request.method !== "GET";
  const accountRoute = ACCOUNT_URLS.some((url) => request.url.startsWith(url));
  return write && accountRoute && status >= 200 && status < 300;
}

export class Actors {
  /** How many times the accounts were put back. */
  repairs = 0;
  private dirty = false;

  private constructor(
    private readonly world: World,
    private readonly original: Snapshot,
  ) {}

  static async of(world: World): Promise<Actors> {
    return new Actors(world, await snapshot(world));
  }

  send(actor: ActorName, request: FuzzRequest): Promise<LightMyRequestResponse> {
    const session = actor === "anonymous" ? null : this.world.accounts[actor].session;
    return this.world.app.inject({
      method: request.method,
      url: request.url,
      headers: {
        host: HOST,
        origin: `http://${HOST}`,
        "sec-fetch-site": "same-origin",
        ...session?.headers,
        ...(request.contentType ? { "content-type": request.contentType } : {}),
        ...(request.idempotencyKey !== undefined ? { "idempotency-key": request.idempotencyKey } : {}),
      },
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    });
  }

  /** Sends as the actor, first repairing what an earlier answer may have broken. */
  async call(actor: ActorName, request: FuzzRequest): Promise<LightMyRequestResponse> {
    if (this.dirty) await this.repair();
    const response = await this.send(actor, request);
    if (mayHaveChangedAccounts(actor, request, response)) this.dirty = true;
    return response;
  }

  private async repair() {
    const { prisma, app } = this.world;
    for (const { id, ...row } of this.original.users) {
      await prisma.user.update({ where: { id }, data: row });
    }
    // Failed sign-ins the fuzzing sent would slow the actors' own sign-ins below.
    await prisma.signInThrottle.deleteMany({});
    // A factor a fuzzed code happened to confirm would make the sign-ins below wait for a second step.
    const ids = this.original.users.map((user) => user.id);
    await prisma.totpFactor.deleteMany({ where: { userId: { in: ids } } });
    await prisma.recoveryCode.deleteMany({ where: { userId: { in: ids } } });
    await prisma.webauthnCredential.deleteMany({ where: { userId: { in: ids } } });
    await prisma.supervisionAssignment.createMany({ data: this.original.links, skipDuplicates: true });
    for (const actor of LIVE) {
      const account = this.world.accounts[actor];
      const probe = await app.inject({
        method: "GET",
        url: endpointPath(endpoints.auth.session),
        headers: account.session.headers,
      });
      if (probe.statusCode !== 200) account.session = await signIn(app, account.email, account.password);
    }
    this.repairs += 1;
    this.dirty = false;
  }
}
