// The IPT domain: vocabulary, sources, presets, templates, guidance, planning and clinical rules.
export * from "./vocabulary";
export * from "./sources";
export * from "./formats";
export * from "./templates";
export * from "./guidance";
export * from "./plan-error";
export * from "./agenda";
export * from "./plan";
export * from "./maintenance";
export * from "./group";
export * from "./parent-attendance";
export * from "./rules";
export * from "./grief";
export * from "./key-events";
