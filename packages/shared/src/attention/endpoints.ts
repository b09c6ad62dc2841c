import { defineEndpoint } from "../api/endpoint";
import { attentionResponse } from "./attention";

export const attentionEndpoints = {
  list: defineEndpoint({ method: "GET", path: "/api/attention", response: attentionResponse }),
};
