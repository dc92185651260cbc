export { MutualAidPanel } from "./panel.js";
export { cityName } from "./cities.js";
export type { City } from "./types.js";
