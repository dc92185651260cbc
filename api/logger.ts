import pino from "pino";

// JSON logs; tokens and passwords are redacted wherever they appear in a logged object.
export function createLogger(level = process.env.LOG_LEVEL ?? "info") {
  return pino({
    level,
    base: { service: "air-rescue" },
    redact: {
      paths: ["token", "*.token", "adminToken", "*.adminToken", "authorization", "*.authorization", "headers.authorization", "password", "*.password"],
      censor: "[redacted]",
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
