import { z } from "zod";
import { defineEndpoint } from "../api/endpoint";
import { courseParams } from "../clinical/courses";
import { sessionParams } from "../clinical/sessions";
import { courseFidelity, fidelityRating, fidelityRatingRequest } from "./contracts";
import { fidelityScores } from "./fidelity";

// An unknown item is refused by its own name (body.scores.<key>), not silently dropped.
const fidelityRatingBody = fidelityRatingRequest.extend({
  scores: fidelityScores.catchall(z.custom(() => false, { error: "This is not an item of the form." })),
});

export const fidelityEndpoints = {
  get: defineEndpoint({
    method: "GET",
    path: "/api/courses/:courseId/fidelity",
    params: courseParams,
    response: courseFidelity,
  }),
  saveRating: defineEndpoint({
    method: "PUT",
    path: "/api/sessions/:sessionId/fidelity",
    params: sessionParams,
    body: fidelityRatingBody,
    response: fidelityRating,
  }),
};
