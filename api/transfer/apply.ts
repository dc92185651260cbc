import type { AssetKind } from "../assets/kinds.js";
import { createAsset, updateAsset } from "../assets/repository.js";
import type { AuditActor } from "../audit/log.js";
import { assertCityWrite } from "../auth/users/city-scope.js";
import type { Principal } from "../auth/tokens.js";
import type { Database } from "../db/client.js";
import { ApiError } from "../http/errors.js";
import type { ImportPlan } from "./plan.js";

type Db = Database["db"];

// Thrown inside the transaction to roll it back once every row has been
// tried, and caught right outside it.
class RollBack extends Error {}

export interface ApplyResult {
  committed: boolean;
  plan: ImportPlan;
}

// Writes a plan in one transaction: all rows or none. Each row runs in a
// savepoint, so that a database rejection (a duplicate base code, a home
// base that does not exist) marks that row and the other rows are still
// tried, giving a complete report. The transaction is rolled back when any
// row is rejected, and always on a dry run, which therefore reports exactly
// what a real import would. A dry run still advances the identity sequences
// of the rows it tried, so ids may skip numbers afterwards.
// Each created or updated asset gets its audit row inside the row's
// savepoint, so rows that are rolled back leave no audit row either.
// The repository applies the city rule to the stored record as well, so an
// update of another city's record by name is rejected like a single PATCH.
export async function applyPlan(
  db: Db,
  kind: AssetKind,
  plan: ImportPlan,
  options: { commit: boolean; audit: AuditActor; principal: Principal },
): Promise<ApplyResult> {
  const context = {
    audit: options.audit,
    assertWritable: (row: Record<string, unknown>) => assertCityWrite(options.principal, row.city),
  };
  let committed = false;
  try {
    await db.transaction(async (tx) => {
      // The repository functions use only query-builder calls that a
      // transaction shares with the pool handle.
      const writer = tx as unknown as Db;

      for (const row of plan.rows) {
        if (row.action === "reject") {
          continue;
        }
        try {
          await writer.transaction(async (savepoint) => {
            const target = savepoint as unknown as Db;
            if (row.action === "create") {
              const created = await createAsset(target, kind, row.properties, row.geometry, context);
              row.id = created.id as number;
            } else {
              await updateAsset(target, kind, row.id!, row.properties, row.geometry, context);
            }
          });
        } catch (error) {
          if (!(error instanceof ApiError)) {
            throw error;
          }
          row.action = "reject";
          row.errors.push(...error.details);
        }
      }

      if (!options.commit || plan.rows.some((row) => row.action === "reject")) {
        throw new RollBack();
      }
      committed = true;
    });
  } catch (error) {
    if (!(error instanceof RollBack)) {
      throw error;
    }
    committed = false;
  }

  // Ids of rows that were rolled back name nothing stored.
  if (!committed) {
    for (const row of plan.rows) {
      if (row.action === "create") {
        delete row.id;
      }
    }
  }
  return { committed, plan };
}
