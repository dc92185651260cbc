import type { Principal } from "../core/capabilities.js";
import { currentLanguage } from "../core/i18n.js";
import type { City } from "./types.js";

export function cityName(cities: readonly City[], code: string): string {
  const city = cities.find((candidate) => candidate.code === code);
  if (!city) {
    return code;
  }
  return currentLanguage() === "en" ? (city.nameEn ?? city.nameZh) : city.nameZh;
}

// Whether the principal acts for `city`: its own city, or any city for
// admins of the home city. Mirrors canWriteCity in
// api/auth/users/city-scope.ts, which the API applies to every step.
export function actsFor(principal: Principal | null, city: string, cities: readonly City[]): boolean {
  if (!principal) {
    return false;
  }
  const home = cities.find((candidate) => candidate.home)?.code;
  return principal.city === city || (principal.role === "admin" && principal.city === home);
}

// Whether the panel lists the requests of every city: for admins of the home city.
export function seesAllCities(principal: Principal | null, cities: readonly City[]): boolean {
  const home = cities.find((candidate) => candidate.home)?.code;
  return principal?.role === "admin" && principal.city === home;
}
