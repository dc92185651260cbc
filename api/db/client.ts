import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";

import * as schema from "./schema.js";

export type Database = ReturnType<typeof connectDatabase>;

// Opens a postgres.js pool and the drizzle handle over it. Note that drizzle
// replaces the client's date parsers: raw queries on `sql` then return
// timestamps as strings, so convert them where a Date is needed.
export function connectDatabase(url: string, options: { max?: number } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: "air-rescue" },
  });
  const db = drizzle({ client: sql, schema });

  return {
    sql,
    db,
    close: () => sql.end({ timeout: 5 }),
  };
}
