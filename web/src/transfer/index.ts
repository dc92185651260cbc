// The console's import and export of planning data.
export { installTransferPanel, type TransferPanelOptions } from "./panel.js";
export { trackDownloadButton } from "./track-download.js";
export type { TransferKind } from "./kinds.js";
