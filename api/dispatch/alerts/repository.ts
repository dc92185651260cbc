import { sql } from "drizzle-orm";

import { auditInTransaction, type AuditActor } from "../../audit/log.js";
import type { Database } from "../../db/client.js";
import { conflict, notFound } from "../../http/errors.js";
import { alertLevels, type AlertCondition, type AlertKind, type AlertLevel } from "../../../tracking/alerts/rules.js";
import type { AlertChange } from "./frame.js";

type Db = Database["db"];

export interface AlertRow {
  id: number;
  kind: AlertKind;
  level: AlertLevel;
  aircraftId: number;
  registration: string;
  callsign: string | null;
  icaoAddress: string | null;
  missionId: number | null;
  details: Record<string, string | number | null>;
  raisedAtMs: number;
  levelChangedAtMs: number;
  acknowledgedAtMs: number | null;
  acknowledgedBy: string | null;
  clearedAtMs: number | null;
}

const epochMs = (column: string) => sql.raw(`(extract(epoch FROM al.${column}) * 1000)::float8`);

const alertSelect = sql`
  SELECT al.id, al.kind, al.level, al.aircraft_id AS "aircraftId", a.registration, a.callsign, al.icao_address AS "icaoAddress",
         al.mission_id AS "missionId", al.details, ${epochMs("raised_at")} AS "raisedAtMs",
         ${epochMs("level_changed_at")} AS "levelChangedAtMs", ${epochMs("acknowledged_at")} AS "acknowledgedAtMs",
         al.acknowledged_by AS "acknowledgedBy", ${epochMs("cleared_at")} AS "clearedAtMs"
  FROM alerts al JOIN aircraft a ON a.id = al.aircraft_id`;

export async function getAlert(db: Db, id: number): Promise<AlertRow> {
  const rows = await db.execute<AlertRow & Record<string, unknown>>(sql`${alertSelect} WHERE al.id = ${id}`);
  if (!rows[0]) {
    throw notFound("id", id);
  }
  return rows[0];
}

export async function listAlerts(db: Db, options: { open?: boolean; limit: number; offset: number }) {
  let where = sql`TRUE`;
  if (options.open === true) {
    where = sql`al.cleared_at IS NULL`;
  }
  if (options.open === false) {
    where = sql`al.cleared_at IS NOT NULL`;
  }
  const rows = await db.execute<AlertRow & Record<string, unknown>>(
    sql`${alertSelect} WHERE ${where} ORDER BY al.raised_at DESC, al.id DESC LIMIT ${options.limit} OFFSET ${options.offset}`,
  );
  const counted = await db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM alerts al WHERE ${where}`);
  return { rows: [...rows], total: counted[0]?.total ?? 0 };
}

// Records the first acknowledgement of an open alert, with its audit row in
// the same transaction; a repeated one keeps who acknowledged it first and
// when, and writes no audit row.
export async function acknowledgeAlert(db: Db, id: number, audit: AuditActor, nowMs: number): Promise<{ row: AlertRow; changed: boolean }> {
  return db.transaction(async (tx) => {
    const updated = await tx.execute<{ id: number }>(sql`
      UPDATE alerts SET acknowledged_at = to_timestamp(${nowMs / 1000}), acknowledged_by = ${audit.actorName}
      WHERE id = ${id} AND cleared_at IS NULL AND acknowledged_at IS NULL RETURNING id`);
    const row = await getAlert(tx as unknown as Db, id);
    if (updated.length === 0 && row.clearedAtMs !== null) {
      throw conflict({ code: "alert_cleared", field: "id", value: id });
    }
    if (updated.length > 0) {
      const after = { acknowledgedAt: new Date(nowMs).toISOString(), acknowledgedBy: audit.actorName, kind: row.kind, level: row.level };
      await auditInTransaction(tx, { ...audit, action: "acknowledge", objectKind: "alert", objectId: id, after });
    }
    return { row, changed: updated.length > 0 };
  });
}

function severity(level: AlertLevel): number {
  return alertLevels.indexOf(level);
}

interface OpenAlert {
  id: number;
  aircraftId: number;
  kind: AlertKind;
  level: AlertLevel;
}

// Brings the stored alerts in line with the conditions that hold now: raises
// the new ones, changes levels, and clears those whose condition ended. Only
// aircraft in `evaluatedAircraftIds` are cleared, so an alert outlives a
// restart until its aircraft is heard again. A rise in level requires a new
// acknowledgement. Returns the changes to broadcast.
export async function reconcileAlerts(
  db: Db,
  conditions: readonly AlertCondition[],
  evaluatedAircraftIds: ReadonlySet<number>,
  icaoByAircraft: ReadonlyMap<number, string>,
  nowMs: number,
): Promise<Array<{ change: AlertChange; id: number }>> {
  const open = await db.execute<OpenAlert & Record<string, unknown>>(
    sql`SELECT id, aircraft_id AS "aircraftId", kind, level FROM alerts WHERE cleared_at IS NULL`,
  );
  const openByKey = new Map(open.map((alert) => [`${alert.aircraftId}:${alert.kind}`, alert]));
  const at = sql`to_timestamp(${nowMs / 1000})`;
  const changes: Array<{ change: AlertChange; id: number }> = [];

  for (const condition of conditions) {
    const key = `${condition.aircraftId}:${condition.kind}`;
    const existing = openByKey.get(key);
    openByKey.delete(key);

    if (!existing) {
      const inserted = await db.execute<{ id: number }>(sql`
        INSERT INTO alerts (kind, level, aircraft_id, icao_address, mission_id, details, raised_at, level_changed_at)
        VALUES (${condition.kind}, ${condition.level}, ${condition.aircraftId}, ${icaoByAircraft.get(condition.aircraftId) ?? null},
                ${condition.missionId}, ${JSON.stringify(condition.details)}::jsonb, ${at}, ${at})
        ON CONFLICT (aircraft_id, kind) WHERE cleared_at IS NULL DO NOTHING
        RETURNING id`);
      if (inserted[0]) {
        changes.push({ change: "raised", id: inserted[0].id });
      }
      continue;
    }
    // NOTE: details change only with the level, so a squawk that moves from
    // 7700 to 7600 keeps the first code in the open alert.
    if (existing.level !== condition.level) {
      const rising = severity(condition.level) > severity(existing.level);
      await db.execute(sql`
        UPDATE alerts SET level = ${condition.level}, level_changed_at = ${at}, details = ${JSON.stringify(condition.details)}::jsonb,
               acknowledged_at = CASE WHEN ${rising} THEN NULL ELSE acknowledged_at END,
               acknowledged_by = CASE WHEN ${rising} THEN NULL ELSE acknowledged_by END
        WHERE id = ${existing.id}`);
      changes.push({ change: "level_changed", id: existing.id });
    }
  }

  for (const ended of openByKey.values()) {
    if (!evaluatedAircraftIds.has(ended.aircraftId)) {
      continue;
    }
    await db.execute(sql`UPDATE alerts SET cleared_at = ${at} WHERE id = ${ended.id} AND cleared_at IS NULL`);
    changes.push({ change: "cleared", id: ended.id });
  }
  return changes;
}
