import { randomBytes } from "node:crypto";

import { sql } from "drizzle-orm";

import type { Database } from "../../db/client.js";
import { users } from "../../db/schema.js";
import { roles, type Role } from "../roles.js";
import { hashPassword } from "./passwords.js";

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  city: string;
}

const roleNamesZh: Record<Role, string> = {
  admin: "管理员",
  planner: "巡护规划员",
  dispatcher: "调度员",
  coordinator: "跨市协调员",
  viewer: "只读用户",
  feed: "数据接入",
};

// One Bayannur user per role, and a coordinator in each partner city so
// that a mutual-aid request to any of them can be approved by its lender.
export const demoUsers: DemoUser[] = [
  ...roles.map((role) => ({ username: `demo-${role}`, displayName: `演示${roleNamesZh[role]}`, role, city: "bayannur" })),
  { username: "demo-coordinator-baotou", displayName: "演示包头协调员", role: "coordinator", city: "baotou" },
  { username: "demo-coordinator-ordos", displayName: "演示鄂尔多斯协调员", role: "coordinator", city: "ordos" },
  { username: "demo-coordinator-wuhai", displayName: "演示乌海协调员", role: "coordinator", city: "wuhai" },
  { username: "demo-coordinator-alxa", displayName: "演示阿拉善协调员", role: "coordinator", city: "alxa" },
];

// Creates or resets the demo users, all with one password: DEMO_PASSWORD
// when set, or a random one generated here. DEMO ONLY: these accounts share
// a password and must not exist on a production system. Returns the
// password so that the caller can print it. `generated` is true when the
// password was made here, since it is then shown nowhere else.
export async function seedDemoUsers(database: Pick<Database, "db">, env: NodeJS.ProcessEnv = process.env) {
  const generated = !env.DEMO_PASSWORD;
  const password = env.DEMO_PASSWORD || randomBytes(12).toString("base64url");
  if (password.length < 10) {
    throw new Error("DEMO_PASSWORD must be at least 10 characters long");
  }
  const passwordHash = await hashPassword(password);

  await database.db
    .insert(users)
    .values(demoUsers.map((user) => ({ ...user, passwordHash })))
    .onConflictDoUpdate({
      target: users.username,
      set: { passwordHash, role: sql`excluded.role`, city: sql`excluded.city`, disabled: false, updatedAt: sql`now()` },
    });

  return { password, generated, usernames: demoUsers.map((user) => user.username) };
}
