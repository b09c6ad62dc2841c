// When a fixture session is: its date at a time of day, 50 minutes, as a service on UTC would send it.
export const sessionWhenOn = (plannedDate: string, startTime = "09:00") => ({
  plannedDate,
  startTime,
  durationMinutes: 50,
  startsAt: `${plannedDate}T${startTime}:00.000Z`,
});
