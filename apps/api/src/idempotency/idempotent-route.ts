// Route wiring for writes that take an Idempotency-Key header (validated by the route's `headers`
// schema): the transaction runner to hand the service, and the reply — the stored status with the
// Idempotent-Replayed header when the answer is a replay. Without the header, a plain transaction.
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAY_HEADER, type AuditAction } from "@ipt/shared";
import type { FastifyReply, FastifyRequest } from "fastify";
import { actorOf, auditClinical, type ClinicalEntity } from "../clinical/access";
import type { PrismaClient } from "../db/prisma";
import { plainTransaction, type TransactionRunner } from "../db/transactions";
import { idempotentRun } from "./key-store";

/** The audit row of a replay: the answer shows the record again, so it is a read of it. */
export interface ReplayAudit {
  action: AuditAction;
  entityType: ClinicalEntity;
  /** Where the answer names the record; by default its `id`. */
  entityIdOf?: (body: unknown) => unknown;
}

const topLevelId = (body: unknown) => (body as { id?: unknown }).id;

export interface IdempotentWrite {
  run: TransactionRunner;
  send(reply: FastifyReply, body: unknown): FastifyReply;
}

export function idempotentWrite(
  prisma: PrismaClient,
  request: FastifyRequest,
  status: number,
  replayAudit: ReplayAudit,
): IdempotentWrite {
  const key = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (typeof key !== "string") {
    return { run: plainTransaction(prisma), send: (reply, body) => reply.code(status).send(body) };
  }
  const actor = actorOf(request);
  const write = idempotentRun(
    prisma,
    {
      userId: actor.userId,
      key,
      request: `${request.method} ${request.routeOptions.url}`,
      body: { params: request.params, body: request.body },
    },
    status,
    async (tx, body) => {
      const id = (replayAudit.entityIdOf ?? topLevelId)(body);
      if (typeof id === "string") {
        await auditClinical(tx, actor, replayAudit.action, replayAudit.entityType, id, { replayed: true });
      }
    },
  );
  return {
    run: write.run,
    send: (reply, body) => {
      const replayed = write.replayedStatus();
      if (replayed === null) return reply.code(status).send(body);
      return reply.code(replayed).header(IDEMPOTENT_REPLAY_HEADER, "true").send(body);
    },
  };
}
