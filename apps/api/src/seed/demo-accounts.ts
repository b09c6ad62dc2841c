// Demo accounts: invented people for trying the app. Never real users, never real clinical data.
import type { Role } from "@ipt/shared";
import { hashPassword } from "../auth/passwords";
import type { Actor } from "../clinical/access";
import type { PrismaClient } from "../db/prisma";
import { required } from "../errors/required";

export const DEMO_EMAIL_DOMAIN = "demo.ipt-planner.test";
/** One shared demo password (>= 12 characters), printed at start-up. Demo databases only. */
export const DEMO_PASSWORD = "demo-password-2026";

interface DemoAccount {
  key: string;
  name: string;
  role: Role;
}

const accounts: DemoAccount[] = [
  { key: "admin", name: "Alex Admin", role: "admin" },
  { key: "supervisor.sam", name: "Sam Okafor", role: "supervisor" },
  { key: "supervisor.rina", name: "Rina Castell", role: "supervisor" },
  { key: "therapist.tom", name: "Tom Lindqvist", role: "therapist" },
  { key: "therapist.maya", name: "Maya Brennan", role: "therapist" },
  { key: "therapist.joel", name: "Joel Achterberg", role: "therapist" },
  { key: "therapist.ines", name: "Ines Moreau", role: "therapist" },
];

/** Supervisor key → therapist keys. Maya has two supervisors. */
const supervision: Record<string, string[]> = {
  "supervisor.sam": ["therapist.tom", "therapist.maya"],
  "supervisor.rina": ["therapist.maya", "therapist.joel", "therapist.ines"],
};

export const demoEmail = (key: string) => `${key}@${DEMO_EMAIL_DOMAIN}`;

/** A demo user acting through the services; each call happens "now", as a request would. */
export const demoActor = (userId: string, role: Role): Actor => ({
  userId,
  role,
  audit: { actorId: userId, ip: null, requestId: "demo-seed" },
  get now() {
    return new Date();
  },
});

export class SeedRefusedError extends Error {
  override name = "SeedRefusedError";
}

/**
 * Creates the demo accounts and supervision links if missing; running it again changes nothing.
 * Refuses when the database holds any account outside the demo domain, unless `force` is given.
 */
export async function seedDemoAccounts(prisma: PrismaClient, { force = false } = {}) {
  const realAccounts = await prisma.user.count({
    where: { NOT: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } },
  });
  if (realAccounts > 0 && !force) {
    throw new SeedRefusedError(
      `This database holds ${realAccounts} account(s) that are not demo accounts; demo data was not added. ` +
        "Use a separate database for the demo, or pass --force if you really mean to.",
    );
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.$transaction(async (tx) => {
    // The demo signs in with the published demo password alone: a second factor is optional here
    // unless the demo's admin turns it on (a new real deployment requires one; docs/decisions/021).
    await tx.signInSettings.upsert({
      where: { id: 1 },
      create: { id: 1, mfaRequiredRoles: [], stepUpMinutes: 15 },
      update: {},
    });
    const ids = new Map<string, string>();
    for (const account of accounts) {
      const user = await tx.user.upsert({
        where: { email: demoEmail(account.key) },
        create: {
          email: demoEmail(account.key),
          name: account.name,
          role: account.role,
          passwordHash,
          mustChangePassword: false,
        },
        update: {},
        select: { id: true },
      });
      ids.set(account.key, user.id);
    }
    for (const [supervisorKey, therapistKeys] of Object.entries(supervision)) {
      for (const therapistKey of therapistKeys) {
        const supervisorId = required(ids.get(supervisorKey), `demo account ${supervisorKey}`);
        const therapistId = required(ids.get(therapistKey), `demo account ${therapistKey}`);
        await tx.supervisionAssignment.upsert({
          where: { supervisorId_therapistId: { supervisorId, therapistId } },
          create: { supervisorId, therapistId },
          update: {},
        });
      }
    }
  });
  return accounts.map((account) => ({
    email: demoEmail(account.key),
    name: account.name,
    role: account.role,
  }));
}

export function formatDemoLogins(logins: { email: string; role: Role }[]): string {
  const width = Math.max(...logins.map((l) => l.email.length));
  return [
    "Demo logins (invented accounts; all use the password below):",
    ...logins.map((l) => `  ${l.email.padEnd(width)}  ${l.role}`),
    `  password: ${DEMO_PASSWORD}`,
  ].join("\n");
}
