import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, describe, it } from "vitest";
import transactionClient from "./transaction-client.js";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;

// TypeScript, as the services are written: type annotations and `typeof prisma` are not uses.
const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const outer = (name) => ({ messageId: "outerClient", data: { name } });

ruleTester.run("transaction-client", transactionClient, {
  valid: [
    {
      name: "only the transaction client inside the callback",
      code: `export async function rename(prisma: PrismaClient, id: string, name: string) {
        return prisma.$transaction(async (tx: Prisma.TransactionClient) => {
          const client = await tx.client.update({ where: { id }, data: { name } });
          await tx.auditEvent.create({ data: { entityId: client.id } });
          return client;
        });
      }`,
    },
    {
      name: "the outer client before and after the transaction",
      code: `async function f(prisma) {
        const before = await prisma.client.count();
        await prisma.$transaction(async (tx) => tx.client.deleteMany());
        return before - (await prisma.client.count());
      }`,
    },
    {
      name: "a callback parameter that happens to be named db is the transaction client",
      code: `async function f(db) { await db.$transaction(async (db) => db.client.create({ data: {} })); }`,
    },
    {
      name: "a local variable named prisma declared inside the callback",
      code: `async function f(prisma) {
        await prisma.$transaction(async (tx) => { const prisma = tx; await prisma.client.create({ data: {} }); });
      }`,
    },
    {
      name: "a type that names the outer client is not a use of it",
      code: `async function f(prisma: PrismaClient) {
        await prisma.$transaction(async (tx) => { const rows: Awaited<ReturnType<typeof prisma.client.findMany>> = await tx.client.findMany(); return rows; });
      }`,
    },
    {
      name: "the array form of $transaction has no callback",
      code: `async function f(prisma) { await prisma.$transaction([prisma.client.deleteMany(), prisma.course.deleteMany()]); }`,
    },
    {
      name: "a function callback has its own this",
      code: `class S { prisma; async f() { await this.prisma.$transaction(async function (tx) { return this.prisma; }); } }`,
    },
    {
      name: "a plain call is not a transaction unless configured",
      code: `async function f(prisma, run) { await run(async (tx) => prisma.user.count()); }`,
    },
    {
      name: "other names are left alone unless configured",
      code: `async function f(client) { await client.$transaction(async (tx) => client.user.count()); }`,
    },
  ],
  invalid: [
    {
      name: "a write on the outer client inside the callback",
      code: `async function f(prisma, id) {
        await prisma.$transaction(async (tx) => {
          await tx.client.update({ where: { id }, data: { status: "archived" } });
          await prisma.auditEvent.create({ data: { entityId: id } });
        });
      }`,
      errors: [{ ...outer("prisma"), line: 4 }],
    },
    {
      name: "db, and in a nested function",
      code: `async function f(db, ids) {
        await db.$transaction(async (tx) => { await Promise.all(ids.map((id) => db.session.delete({ where: { id } }))); });
      }`,
      errors: [outer("db")],
    },
    {
      name: "the outer client passed on to a helper",
      code: `async function f(prisma) { await prisma.$transaction((tx) => recordAudit(prisma, tx)); }`,
      errors: [outer("prisma")],
    },
    {
      name: "this.prisma inside an arrow callback",
      code: `class S { prisma; async f() { await this.prisma.$transaction(async (tx) => { await this.prisma.user.count(); }); } }`,
      errors: [outer("this.prisma")],
    },
    {
      name: "a module-level client",
      code: `import { prisma } from "./db"; export const f = () => prisma.$transaction(async (tx) => prisma.user.count());`,
      errors: [outer("prisma")],
    },
    {
      name: "each use once, in nested transactions too",
      code: `async function f(prisma) {
        await prisma.$transaction(async (tx) => { await other.$transaction(async (inner) => prisma.user.count()); });
      }`,
      errors: [outer("prisma")],
    },
    {
      name: "a configured transaction runner",
      code: `async function f(prisma, run) { await run(async (tx) => { await tx.user.create({ data: {} }); await prisma.auditEvent.create({ data: {} }); }); }`,
      options: [{ calls: ["$transaction", "run"] }],
      errors: [outer("prisma")],
    },
    {
      name: "a configured name",
      code: `async function f(client) { await client.$transaction(async (tx) => client.user.count()); }`,
      options: [{ names: ["client"] }],
      errors: [outer("client")],
    },
  ],
});
