// The mutual-aid panel lives in src/mutual-aid/; this path is where the console's app imports it from.
export { cityName, MutualAidPanel, type City } from "../mutual-aid/index.js";
