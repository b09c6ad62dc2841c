import {
  endpoints,
  type MeasurementSettingsResponse,
  type UpdateMeasurementSettingsRequest,
} from "@ipt/shared";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { queryKeys } from "../../../lib/query-keys";

export function getMeasurementSettings(signal?: AbortSignal) {
  return apiRequest(endpoints.settings.measurement, { signal });
}

export function updateMeasurementSettings(body: UpdateMeasurementSettingsRequest) {
  return apiRequest(endpoints.settings.updateMeasurement, { body });
}

export const measurementSettingsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.settings.organisation,
    queryFn: ({ signal }) => getMeasurementSettings(signal),
  });

export function useMeasurementSettings() {
  return useQuery(measurementSettingsQueryOptions());
}

/** Drops the cached settings and reads them again (after "changed elsewhere"); gives the latest. */
export function useReloadMeasurementSettings() {
  const queryClient = useQueryClient();
  return async (): Promise<MeasurementSettingsResponse | undefined> => {
    const { queryKey } = measurementSettingsQueryOptions();
    await queryClient.resetQueries({ queryKey });
    return queryClient.getQueryData(queryKey);
  };
}

/** Saves the settings and keeps the server's copy (with its new version). */
export function useUpdateMeasurementSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMeasurementSettings,
    onSuccess: (saved: MeasurementSettingsResponse) =>
      queryClient.setQueryData(measurementSettingsQueryOptions().queryKey, saved),
  });
}
