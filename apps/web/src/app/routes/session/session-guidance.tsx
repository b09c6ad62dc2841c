import { GuidancePanel } from "../../../features/sessions/components/guidance-panel";
import { useSessionOfLayout } from "./session-layout";

/** What the manuals suggest for this session's phase and problem area. */
export function SessionGuidanceRoute() {
  return <GuidancePanel session={useSessionOfLayout()} />;
}
