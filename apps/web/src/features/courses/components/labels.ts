// Also used by the course summaries (course page, print, review), so they live with the shared
// clinical labels.
export { frequencyLabels, nextStepLabels } from "../../../components/clinical/labels";
