import {
  defaultMeasurementSettings,
  defaultServiceSettings,
  defaultSupervisionSettings,
  measurementSettingFields,
  supervisionSettingFields,
  type MeasurementSettings,
} from "@ipt/shared";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../lib/api-client";
import { noWriteErrors } from "../../../lib/write-errors";
import { elements, renderHtml, textOf } from "../../../test/static-render";
import { ServiceFields, SettingsFields, SupervisionFields } from "./measurement-settings-form";
import {
  parseSettingsForm,
  restoreDefaults,
  settingsWriteErrors,
  timeZoneOptions,
  toFormValues,
} from "./settings-form-state";

const saved: MeasurementSettings = {
  ...defaultMeasurementSettings,
  measureEverySessions: 1,
  noShowsInARow: 3,
};

describe("measurement settings form", () => {
  it("sends whole numbers, the supervision settings and the time zone with the version it was read at", () => {
    const values = { ...toFormValues(saved), earlyReviewSession: " 6 " };
    const service = { timeZone: "Australia/Sydney" };
    const parsed = parseSettingsForm(values, { coSignBeforeMiddle: true }, service, 3);
    expect(parsed).toEqual({
      ok: true,
      body: {
        version: 3,
        settings: { ...saved, earlyReviewSession: 6 },
        supervision: { coSignBeforeMiddle: true },
        service,
      },
    });
  });

  it("refuses a time zone the shared schema does not know, at its field", () => {
    const parsed = parseSettingsForm(
      toFormValues(saved),
      defaultSupervisionSettings,
      { timeZone: "Mars/Olympus" },
      0,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.fields).toEqual({
      "service.timeZone": "Choose a time zone from the list, like Europe/London.",
    });
  });

  it("offers the browser's IANA zones and keeps a saved zone the browser does not list", () => {
    expect(timeZoneOptions("Europe/London")).toContain("Australia/Sydney");
    expect(timeZoneOptions("Europe/London").filter((zone) => zone === "Europe/London")).toHaveLength(1);
    expect(timeZoneOptions("Etc/Unlisted")[0]).toBe("Etc/Unlisted");
  });

  it("shows the time zone under Service, with its help and default, and marks it when refused", () => {
    const errors = {
      ...noWriteErrors,
      fields: { "service.timeZone": "Choose a time zone from the list, like Europe/London." },
    };
    const html = renderHtml(
      <ServiceFields
        values={{ timeZone: "Australia/Sydney" }}
        defaults={defaultServiceSettings}
        errors={errors}
        onChange={() => undefined}
      />,
    );
    expect(elements(html, "legend").map((legend) => legend.text)).toEqual(["Service"]);
    expect(elements(html, "label").map((label) => label.text)).toEqual(["Time zone of the service"]);
    expect(html).toMatch(/<option value="Australia\/Sydney" selected="">Australia\/Sydney<\/option>/);
    expect(textOf(html)).toContain("Default: Europe/London.");
    expect(html).toContain('aria-invalid="true"');
  });

  it("names each field it refuses, with the shared message, and sends nothing", () => {
    const values = {
      ...toFormValues(saved),
      measureEverySessions: "",
      deteriorationPhq9Points: "6.5",
      noShowsInARow: "9",
    };
    const parsed = parseSettingsForm(values, defaultSupervisionSettings, defaultServiceSettings, 0);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.fields).toEqual({
      "settings.measureEverySessions": "Enter a whole number of sessions from 1 to 8.",
      "settings.deteriorationPhq9Points": "Enter a whole number of points from 1 to 27.",
      "settings.noShowsInARow": "Enter a whole number from 2 to 6.",
    });
  });

  it("puts the server's field errors (body.settings.<key>) next to their fields", () => {
    const error = new ApiError({
      status: 400,
      code: "validation_failed",
      message: "Some settings are not valid.",
      fields: [
        { field: "body.settings.earlyReviewSession", message: "Enter a session number from 2 to 12." },
      ],
    });
    const errors = settingsWriteErrors(error);
    expect(errors.fields).toEqual({ "settings.earlyReviewSession": "Enter a session number from 2 to 12." });
    expect(errors.stale).toBe(false);
  });

  it("puts the server's error about a supervision setting at its checkbox", () => {
    const error = new ApiError({
      status: 400,
      code: "validation_failed",
      message: "Some settings are not valid.",
      fields: [{ field: "body.supervision.coSignBeforeMiddle", message: "Choose yes or no." }],
    });
    expect(settingsWriteErrors(error).fields).toEqual({
      "supervision.coSignBeforeMiddle": "Choose yes or no.",
    });
  });

  it("explains a save made elsewhere since the settings were read", () => {
    const error = new ApiError({
      status: 409,
      code: "conflict",
      message: "The settings were changed by someone else.",
    });
    expect(settingsWriteErrors(error)).toMatchObject({ stale: true, fields: {} });
  });

  it("fills in the documented defaults on Restore defaults", () => {
    expect(restoreDefaults(defaultMeasurementSettings)).toEqual({
      measureEverySessions: "4",
      deteriorationPhq9Points: "6",
      deteriorationGad7Points: "4",
      earlyReviewSession: "4",
      earlyReviewMinReductionPercent: "20",
      midCourseMinReductionPercent: "25",
      percentRulesMinBaselinePhq9: "10",
      noShowsInARow: "2",
    });
  });

  it("shows each setting with its unit, help, default and sources, and marks a refused one", () => {
    const errors = {
      ...noWriteErrors,
      fields: { "settings.noShowsInARow": "Enter a whole number from 2 to 6." },
    };
    const html = renderHtml(
      <SettingsFields
        values={toFormValues(saved)}
        defaults={defaultMeasurementSettings}
        errors={errors}
        onChange={() => undefined}
      />,
    );
    const fields = elements(html, "label").map((label) => label.text);
    expect(fields).toHaveLength(measurementSettingFields.length);
    expect(fields).toContain("Amber at the early review if PHQ-9 has fallen by less than (%)");
    expect(textOf(html)).toContain("Default: 20%. Sources: [MBC-default]");
    expect(textOf(html)).toContain("Default: session 4.");
    const inputs = [...html.matchAll(/<input[^>]*>/g)].map((match) => match[0]);
    const noShows = inputs.find((input) => input.includes('name="settings.noShowsInARow"')) ?? "";
    expect(noShows).toContain('aria-invalid="true"');
    expect(noShows).toContain('value="3"');
    expect(noShows).toMatch(/min="2"[^>]*max="6"|max="6"[^>]*min="2"/);
    expect(textOf(html)).toContain("Error: Enter a whole number from 2 to 6.");
    expect(inputs.filter((input) => input.includes("aria-invalid"))).toHaveLength(1);
  });

  it("groups the supervision settings under Supervision, each a checkbox with help, default and sources", () => {
    const html = renderHtml(
      <SupervisionFields
        values={{ coSignBeforeMiddle: true }}
        defaults={defaultSupervisionSettings}
        errors={noWriteErrors}
        onChange={() => undefined}
      />,
    );
    expect(elements(html, "legend").map((legend) => legend.text)).toEqual(["Supervision"]);
    expect(elements(html, "label").map((label) => label.text)).toEqual(
      supervisionSettingFields.map((field) => field.label),
    );
    const checkboxes = [...html.matchAll(/<input[^>]*>/g)].map((match) => match[0]);
    expect(checkboxes).toHaveLength(supervisionSettingFields.length);
    expect(checkboxes[0]).toContain('type="checkbox"');
    expect(checkboxes[0]).toContain('name="supervision.coSignBeforeMiddle"');
    expect(checkboxes[0]).toContain('checked=""');
    expect(checkboxes[0]).toMatch(/aria-describedby="[^"]+"/);
    expect(textOf(html)).toContain("makes that review a gate.");
    expect(textOf(html)).toContain("Default: off. Sources: [S12b] [S26g]");
  });

  it("marks a supervision setting the server refused", () => {
    const errors = { ...noWriteErrors, fields: { "supervision.coSignBeforeMiddle": "Choose yes or no." } };
    const html = renderHtml(
      <SupervisionFields
        values={defaultSupervisionSettings}
        defaults={defaultSupervisionSettings}
        errors={errors}
        onChange={() => undefined}
      />,
    );
    expect(html).toContain('aria-invalid="true"');
    expect(html).not.toContain('checked=""');
    expect(textOf(html)).toContain("Error: Choose yes or no.");
  });
});
