// Runtime configuration from the environment, read once at start.
export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  adminToken: string | null;
  logLevel: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    throw new Error("DATABASE_URL is not set: run `npm start`, which provisions PostgreSQL, or set it to a PostGIS database URL");
  }

  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? "127.0.0.1",
    databaseUrl,
    adminToken: env.ADMIN_TOKEN || null,
    logLevel: env.LOG_LEVEL ?? "info",
  };
}
