import type { Principal } from "../tokens.js";
import { ApiError } from "../../http/errors.js";

// The city whose admins may write in every city.
export const homeCity = "bayannur";

export function canWriteCity(principal: Principal, city: string): boolean {
  return principal.city === city || (principal.role === "admin" && principal.city === homeCity);
}

// Throws 403 forbidden_city unless the principal may write records of `city`:
// its own city, or any city for admins of the home city. Mutual-aid requests
// cross cities by design and follow their own rules instead. A record
// without a city (null or undefined here) has no city rule.
export function assertCityWrite(principal: Principal | null, city: unknown, field = "city"): void {
  if (!principal) {
    throw new Error("assertCityWrite called on a route without a principal");
  }
  if (typeof city !== "string" || canWriteCity(principal, city)) {
    return;
  }
  throw new ApiError(403, { code: "forbidden_city", field, value: city, expected: principal.city });
}
