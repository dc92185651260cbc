import { eq } from "drizzle-orm";

import type { Executor } from "../audit/log.js";
import { aircraft, mutualAidRequests } from "../db/schema.js";

export interface ActiveLoan {
  requestId: number;
  aircraftId: number;
  registration: string;
  icaoAddress: string | null;
  // The owner of the aircraft, and the city it serves until returned.
  lendingCity: string;
  borrowingCity: string;
  approvedAt: Date;
}

// Lists aircraft lent to another city and not yet returned. Coverage and
// dispatch count such an aircraft for the borrowing city, not its owner.
export async function activeLoans(db: Executor): Promise<ActiveLoan[]> {
  const rows = await db
    .select({
      requestId: mutualAidRequests.id,
      aircraftId: aircraft.id,
      registration: aircraft.registration,
      icaoAddress: aircraft.icaoAddress,
      lendingCity: mutualAidRequests.lendingCity,
      borrowingCity: mutualAidRequests.requestingCity,
      approvedAt: mutualAidRequests.decidedAt,
    })
    .from(mutualAidRequests)
    .innerJoin(aircraft, eq(aircraft.id, mutualAidRequests.aircraftId))
    .where(eq(mutualAidRequests.status, "approved"))
    .orderBy(mutualAidRequests.id);

  // An approved request always has decidedAt: approval sets both in one update.
  return rows.map((row) => ({ ...row, approvedAt: row.approvedAt! }));
}
