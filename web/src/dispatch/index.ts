// The dispatch desk module of the console.
export { installDispatchPanel, type DispatchPanel, type DispatchPanelOptions } from "./panel.js";
export { dispatchEn, dispatchMessages, dispatchZhCN, type DispatchMessageKey } from "./i18n.js";
export { IncidentLayer, type IncidentLayerOptions } from "./incident-layer.js";
export { AlertWatch, type AlertWatchOptions } from "./alert-watch.js";
export type { AlertFrameMessage } from "./types.js";
