import { defineEndpoint } from "../api/endpoint";
import { courseParams } from "../clinical/courses";
import {
  coSignRequest,
  courseCoSignsResponse,
  openReviewThreadRequest,
  resolveReviewThreadRequest,
  reviewReplyRequest,
  reviewThread,
  reviewThreadParams,
  reviewThreadsQuery,
  reviewThreadsResponse,
} from "./review";

export const reviewEndpoints = {
  listThreads: defineEndpoint({
    method: "GET",
    path: "/api/courses/:courseId/review-threads",
    params: courseParams,
    query: reviewThreadsQuery,
    response: reviewThreadsResponse,
  }),
  openThread: defineEndpoint({
    method: "POST",
    path: "/api/courses/:courseId/review-threads",
    params: courseParams,
    body: openReviewThreadRequest,
    response: reviewThread,
    status: 201,
  }),
  replyToThread: defineEndpoint({
    method: "POST",
    path: "/api/review-threads/:threadId/messages",
    params: reviewThreadParams,
    body: reviewReplyRequest,
    response: reviewThread,
    status: 201,
  }),
  resolveThread: defineEndpoint({
    method: "POST",
    path: "/api/review-threads/:threadId/resolve",
    params: reviewThreadParams,
    body: resolveReviewThreadRequest,
    response: reviewThread,
  }),
  coSigns: defineEndpoint({
    method: "GET",
    path: "/api/courses/:courseId/cosignatures",
    params: courseParams,
    response: courseCoSignsResponse,
  }),
  coSign: defineEndpoint({
    method: "POST",
    path: "/api/courses/:courseId/cosignatures",
    params: courseParams,
    body: coSignRequest,
    response: courseCoSignsResponse,
    status: 201,
  }),
};
