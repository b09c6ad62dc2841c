// Invented supervision review for the demo: written through the same services as the API, as the
// supervisor and the therapist would. Two stories: a review that went full circle (a change request
// answered by an amendment, resolved, then everything co-signed, with one comment still awaiting the
// therapist), and a fresh change request the therapist has not answered yet.
import type { CourseDetail } from "@ipt/shared";
import type { Actor } from "../clinical/access";
import { addAmendment } from "../clinical/sessions/sessions-service";
import type { PrismaClient } from "../db/prisma";
import { coSign } from "../review/cosign-service";
import { demoActor } from "./demo-accounts";
import { openThread, replyToThread, resolveThread } from "../review/threads-service";

export type DemoReviewStory = "reviewed_and_cosigned" | "change_requested";

export async function seedDemoReview(
  prisma: PrismaClient,
  therapist: Actor,
  supervisorId: string,
  course: CourseDetail,
  story: DemoReviewStory,
) {
  const supervisor = demoActor(supervisorId, "supervisor");
  const signed = course.sessions.filter((s) => s.status === "held" && s.signed);
  const session = signed[signed.length - 1];
  if (!session) return;

  if (story === "change_requested") {
    await openThread(prisma, supervisor, course.id, {
      target: "session",
      sessionId: session.id,
      kind: "change_request",
      body: "Invented demo request: please record the interpersonal incident you worked on and how mood followed it.",
    });
    return;
  }

  for (const target of ["formulation", "plan"] as const) {
    await coSign(prisma, supervisor, course.id, { target, note: "Invented demo co-signature." });
  }
  const request = await openThread(prisma, supervisor, course.id, {
    target: "session",
    sessionId: session.id,
    kind: "change_request",
    body: "Invented demo request: the note does not say whether the ending was discussed; please add it.",
  });
  await addAmendment(prisma, therapist, session.id, {
    reason: "Invented demo: supervisor's request.",
    text: "Invented demo amendment: the ending was discussed, including feelings about finishing.",
  });
  const replied = await replyToThread(prisma, therapist, request.id, {
    body: "Invented demo reply: added as an amendment.",
  });
  await resolveThread(prisma, therapist, request.id, {
    version: replied.version,
    resolution: "Invented demo: amendment added.",
  });
  await coSign(prisma, supervisor, course.id, {
    target: "session",
    sessionId: session.id,
    note: "Invented demo co-signature after the amendment.",
  });
  await openThread(prisma, supervisor, course.id, {
    target: "plan",
    kind: "comment",
    body: "Invented demo comment: worth planning how the last two sessions will review the gains.",
  });
}
