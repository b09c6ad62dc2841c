// Client questionnaires: links, the public form's contracts, the organisation's settings.
export * from "./questionnaires";
export * from "./settings";
