// Two API servers on one database (issue 6, "Faults and load"): sessions live in PostgreSQL, not in
// a server's memory, so a session made on A is valid on B, ending it on B ends it on A at once, and
// a write on one is read on the other. Sign-in throttling (issue 17) holds across them too: failures
// on A and B add up, and the slowing answers on both.
import { endpointPath, endpoints } from "@ipt/shared";
import { ApiSession, createAccounts, runScenario, startApi, startDatabase } from "../harness";
import { required } from "../../src/errors/required";
import { checkCourseSummaries } from "../harness/course-summaries";

await runScenario("two-instances", async ({ figure, check }) => {
  const database = await startDatabase();
  const [a, b] = await Promise.all([
    startApi({ databaseUrl: database.url, name: "a" }),
    startApi({ databaseUrl: database.url, name: "b" }),
  ]);
  figure("instances", 2);
  const { therapists } = await createAccounts(database.url, { therapists: 2 });
  const therapist = required(therapists[0], "the therapist account");
  const targeted = required(therapists[1], "the account someone guesses at");

  const onA = await ApiSession.signIn(a.url, therapist.email, therapist.password);
  const onB = onA.on(b.url);
  const sessionOnB = await onB.get(endpointPath(endpoints.auth.session));
  figure("session from A, read on B: status", sessionOnB.status);
  check(sessionOnB.status === 200, `a session made on A should be valid on B (got ${sessionOnB.status})`);

  // A write on A (with A's CSRF token, sent to A) is read on B.
  const created = await onA.post<{ id: string }>(endpointPath(endpoints.clients.create), {
    displayName: "Two-instance client (invented)",
    referralReason: "Invented: low mood.",
    workingDiagnosis: "Major depressive episode",
  });
  check(created.status === 201, `creating a client on A should answer 201 (got ${created.status})`);
  const readOnB = await onB.get<{ id: string }>(
    endpointPath(endpoints.clients.get, { clientId: created.body.id }),
  );
  figure("client written on A, read on B: status", readOnB.status);
  check(
    readOnB.status === 200 && readOnB.body.id === created.body.id,
    `the client written on A should be read on B (got ${readOnB.status})`,
  );

  // A write on B with the session (and CSRF token) made on A.
  const writeOnB = await onB.post(endpointPath(endpoints.clients.create), {
    displayName: "Second client (invented)",
    referralReason: "Invented: a new job.",
    workingDiagnosis: "Major depressive episode",
  });
  figure("write on B with A's session: status", writeOnB.status);
  check(writeOnB.status === 201, `a write on B with A's session should answer 201 (got ${writeOnB.status})`);

  // Writes to one course from both instances at once: each refreshes the course's summary under the
  // course lock, so neither leaves the other's change out of it (checked at the end).
  const course = await onA.post<{ id: string }>(
    endpointPath(endpoints.courses.start, { clientId: created.body.id }),
    { format: "standard", lineage: "weissman", startDate: "2026-01-05" },
  );
  check(course.status === 201, `opening a course on A should answer 201 (got ${course.status})`);
  const courseId = course.body.id;
  const contracted = await onB.put<{ sessions: { id: string; number: number | null; version: number }[] }>(
    endpointPath(endpoints.courses.setContract, { courseId }),
    {
      version: 1,
      plannedSessions: 12,
      frequency: "weekly",
      sessionMinutes: 50,
      startDate: "2026-01-05",
      weekday: 1,
      startTime: "09:00",
      terminationLead: 2,
      missedSessionPolicy: "Invented: a missed session is re-planned at the end.",
      agreedOn: "2026-01-05",
    },
  );
  check(contracted.status === 200, `agreeing the contract on B should answer 200 (got ${contracted.status})`);
  const firstSix = contracted.body.sessions.filter((session) => (session.number ?? 99) <= 6);
  const held = await Promise.all(
    firstSix.map((session, index) =>
      (index % 2 === 0 ? onA : onB).patch(
        endpointPath(endpoints.sessions.update, { sessionId: session.id }),
        {
          version: session.version,
          status: "held",
        },
      ),
    ),
  );
  const phq9 = [2, 2, 2, 1, 1, 1, 1, 1, 0];
  const scored = await Promise.all(
    firstSix.map((session, index) =>
      (index % 2 === 0 ? onB : onA).post(endpointPath(endpoints.measures.record, { courseId }), {
        sessionId: session.id,
        instrument: "phq9",
        items: phq9.map((item, at) => (at < index ? Math.min(3, item + 1) : item)),
      }),
    ),
  );
  const concurrent = [...held, ...scored];
  figure("concurrent writes to one course from A and B", concurrent.length);
  check(
    concurrent.every((response) => response.status < 300),
    `every concurrent write should be accepted (got ${concurrent.map((response) => response.status).join(", ")})`,
  );

  const logout = await onB.post(endpointPath(endpoints.auth.logout));
  check(logout.status === 204, `logout on B should answer 204 (got ${logout.status})`);
  // The next request, no waiting: no server may keep a session it has cached.
  const afterLogoutOnA = await onA.get(endpointPath(endpoints.auth.session));
  figure("after logout on B, A answers", afterLogoutOnA.status);
  check(
    afterLogoutOnA.status === 401,
    `A should refuse the ended session at once (got ${afterLogoutOnA.status})`,
  );
  const writeAfterLogout = await onA.post(endpointPath(endpoints.clients.create), {
    displayName: "After logout (invented)",
    referralReason: "Invented.",
    workingDiagnosis: "None",
  });
  figure("write on A after logout on B: status", writeAfterLogout.status);
  check(
    writeAfterLogout.status === 401 || writeAfterLogout.status === 403,
    `a write on A after logout on B should be refused (got ${writeAfterLogout.status})`,
  );

  // And the other way round: a new session, ended on A, is refused on B.
  const second = await ApiSession.signIn(a.url, therapist.email, therapist.password);
  // Taken before logout: the client drops its cookie when the server clears it.
  const secondOnB = second.on(b.url);
  check(
    (await secondOnB.get(endpointPath(endpoints.auth.session))).status === 200,
    "the second session should work on B",
  );
  await second.post(endpointPath(endpoints.auth.logout));
  const afterLogoutOnB = await secondOnB.get(endpointPath(endpoints.auth.session));
  check(afterLogoutOnB.status === 401, `B should refuse a session ended on A (got ${afterLogoutOnB.status})`);
  figure("after logout on A, B answers", afterLogoutOnB.status);

  // Someone guesses at an account's password, taking turns between the instances: after five
  // failures, wherever they landed, both slow the account (the limits live in PostgreSQL).
  const login = (server: string, password: string) =>
    new ApiSession(server).request("POST", endpointPath(endpoints.auth.login), {
      email: targeted.email,
      password,
    });
  const guesses = [];
  for (const [index, server] of [a.url, b.url, a.url, b.url, a.url].entries()) {
    guesses.push((await login(server, `a-wrong-guess-${index}`)).status);
  }
  figure("five wrong passwords on A, B, A, B, A: statuses", guesses.join(" "));
  check(
    guesses.every((status) => status === 401),
    `each wrong password should be refused as such (got ${guesses.join(", ")})`,
  );
  for (const [name, server] of [
    ["B", b.url],
    ["A", a.url],
  ] as const) {
    const right = await login(server, targeted.password);
    figure(`then the right password on ${name}: status`, right.status);
    check(right.status === 429, `${name} should slow the account both saw failing (got ${right.status})`);
  }

  await checkCourseSummaries(database.url, { figure, check });
});
