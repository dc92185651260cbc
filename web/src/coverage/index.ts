// The coverage layer of the console: heat map, isochrones, gaps, shares and a what-if form.
export { installCoverageLayer, type CoverageLayer, type CoverageLayerOptions } from "./layer.js";
export { coverageEn, coverageMessages, coverageZhCN, type CoverageLanguage, type CoverageMessageKey } from "./i18n.js";
