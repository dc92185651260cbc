import { ApiError } from "../http/errors.js";

// Whether a city may dispatch an aircraft. An aircraft is at the disposal of
// the city it serves: the borrowing city while an approved mutual-aid loan
// runs (api/mutual-aid/loans.ts), else its owner city. Admins of the home
// city follow the same rule as dispatchers: they dispatch for their own
// city, and a partner aircraft comes through mutual aid like any other.

// Why an aircraft is not at a city's disposal: "needs_mutual_aid" for a
// partner city's own aircraft, "on_loan" for an aircraft lent to a third
// city, or lent away by the dispatcher's own city.
export type DisposalReason = "needs_mutual_aid" | "on_loan";

export interface DisposalInput {
  // The owner city.
  city: string;
  // The borrowing city of an active loan, else the owner city.
  servingCity: string;
}

// Returns null when `dispatcherCity` may dispatch the aircraft, else the reason it may not.
export function disposalReason(aircraft: DisposalInput, dispatcherCity: string): DisposalReason | null {
  if (aircraft.servingCity === dispatcherCity) {
    return null;
  }
  return aircraft.servingCity === aircraft.city ? "needs_mutual_aid" : "on_loan";
}

// Throws 403 aircraft_not_at_disposal unless `dispatcherCity` may dispatch the aircraft.
export function assertAtDisposal(aircraft: DisposalInput & { id: number; registration: string }, dispatcherCity: string): void {
  const reason = disposalReason(aircraft, dispatcherCity);
  if (reason === null) {
    return;
  }
  throw new ApiError(403, {
    code: "aircraft_not_at_disposal",
    field: "aircraftId",
    value: aircraft.id,
    expected: dispatcherCity,
    params: { registration: aircraft.registration, servingCity: aircraft.servingCity, reason },
  });
}
