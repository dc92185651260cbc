// The audit log viewer of the console: who changed an object, when, and what.
export { openAuditLog } from "./dialog.js";
export { assetHistoryButton, historyButton } from "./history-button.js";
export { describeChanges, type FieldChange, type RowChanges } from "./changes.js";
export type { AuditRow } from "./api.js";
