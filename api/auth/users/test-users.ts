import type { testApp } from "../../test/app.js";
import type { Role } from "../roles.js";

type TestApp = Awaited<ReturnType<typeof testApp>>;

// A demo-only password that meets the 10-character minimum.
export const testPassword = "correct-horse-battery";

let counter = 0;

// Creates a user through the API as ADMIN_TOKEN-backed admin and logs it in.
export async function createUserAndLogIn(t: TestApp, options: { role: Role; city?: string; username?: string; password?: string }) {
  counter++;
  const username = options.username ?? `user-${options.role}-${counter}`;
  const password = options.password ?? testPassword;
  const created = await t.call("POST", "/api/v1/users", {
    body: { username, displayName: `测试用户 ${counter}`, role: options.role, city: options.city ?? "bayannur", password },
  });
  if (created.status !== 201) {
    throw new Error(`creating test user ${username} failed: ${created.status} ${JSON.stringify(created.json)}`);
  }

  const login = await t.call("POST", "/api/v1/auth/login", { token: null, body: { username, password } });
  if (login.status !== 201) {
    throw new Error(`logging in test user ${username} failed: ${login.status} ${JSON.stringify(login.json)}`);
  }
  return { id: created.json.id as number, username, password, token: login.json.token as string };
}
