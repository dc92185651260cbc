// Applies pending migrations to DATABASE_URL (`npm start` does this itself).
import { runMigrations } from "../api/db/migrate.js";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: set it to a PostgreSQL URL with PostGIS available");
  process.exit(2);
}
await runMigrations(url);
console.log("migrations applied");
