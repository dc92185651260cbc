// The dispatch desk module of the console.
export { installDispatchPanel, type DispatchPanel, type DispatchPanelOptions } from "./panel.js";
export { dispatchEn, dispatchMessages, dispatchZhCN, type DispatchMessageKey } from "./i18n.js";
export { IncidentLayer, type IncidentLayerOptions } from "./incident-layer.js";
