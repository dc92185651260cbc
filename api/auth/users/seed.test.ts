import { beforeAll, describe, expect, it } from "vitest";

import { testApp } from "../../test/app.js";
import { roles } from "../roles.js";
import { seedDemoUsers } from "./seed.js";

let t: Awaited<ReturnType<typeof testApp>>;

beforeAll(async () => {
  t = await testApp();
});

describe("seedDemoUsers", () => {
  it("creates one user per role that can log in", async () => {
    const seeded = await seedDemoUsers(t.database, { DEMO_PASSWORD: "demo-only-password" });
    expect(seeded.generated).toBe(false);
    for (const role of roles) {
      expect(seeded.usernames).toContain(`demo-${role}`);
    }

    // A coordinator in every partner city, so that any lender can approve or decline a request.
    for (const city of ["baotou", "ordos", "wuhai", "alxa"]) {
      const res = await t.call("POST", "/api/v1/auth/login", { token: null, body: { username: `demo-coordinator-${city}`, password: "demo-only-password" } });
      expect(res.status, city).toBe(201);
      expect(res.json.user).toMatchObject({ role: "coordinator", city });
    }
  });

  it("generates a password when DEMO_PASSWORD is unset and resets on a rerun", async () => {
    const seeded = await seedDemoUsers(t.database, {});
    expect(seeded.generated).toBe(true);
    expect(seeded.password.length).toBeGreaterThanOrEqual(16);

    const old = await t.call("POST", "/api/v1/auth/login", { token: null, body: { username: "demo-admin", password: "demo-only-password" } });
    expect(old.status).toBe(401);
    const fresh = await t.call("POST", "/api/v1/auth/login", { token: null, body: { username: "demo-admin", password: seeded.password } });
    expect(fresh.status).toBe(201);
  });
});
