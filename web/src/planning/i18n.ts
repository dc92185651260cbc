import { currentLanguage } from "../core/i18n.js";

// Strings of the planning tools in both console languages. Field and enum
// labels come from the console's own catalog.
const zhCN = {
  "planning.open": "规划编辑",
  "planning.title": "规划编辑",
  "planning.close": "关闭规划编辑",
  "planning.search": "按名称搜索",
  "planning.new": "新建",
  "planning.edit": "编辑",
  "planning.delete": "删除",
  "planning.save": "保存",
  "planning.cancel": "取消",
  "planning.name": "名称",
  "planning.nameZh": "中文名称",
  "planning.nameEn": "英文名称",
  "planning.count": "共 {count} 条",
  "planning.empty": "没有匹配的记录",
  "planning.drawPoint": "请在地图上单击位置",
  "planning.drawLine": "请在地图上依次单击航线各点，单击最后一点结束",
  "planning.drawPolygon": "请在地图上依次单击区域各顶点，单击第一点闭合",
  "planning.editGeometry": "可拖动要素或其顶点修改位置",
  "planning.geometry": "几何图形",
  "planning.geometryOnMap": "地图上的橙色虚线图形",
  "planning.creating": "新建{kind}",
  "planning.editing": "编辑{kind}：{name}",
  "planning.confirmDelete": "确定删除{kind}“{name}”吗？此操作不可撤销。",
  "planning.saved": "已保存",
  "planning.deleted": "已删除",
  "planning.failed": "保存失败：{message}",
  "planning.deleteFailed": "删除失败：{message}",
  "planning.monthsHint": "月份，以逗号分隔，如 12,1,2",
  "planning.noBase": "无",
  "planning.kind.bases": "基地",
  "planning.kind.landingPoints": "机降点",
  "planning.kind.waterSources": "取水点",
  "planning.kind.patrolRoutes": "巡航线路",
  "planning.kind.riskAreas": "风险区",
  // Unit suffixes of field labels, full-width brackets as elsewhere in the Chinese UI.
  "planning.unit.m": "（米）",
  "planning.unit.km": "（千米）",
} as const;

export type PlanningKey = keyof typeof zhCN;

const en: Record<PlanningKey, string> = {
  "planning.open": "Planning",
  "planning.title": "Planning edits",
  "planning.close": "Close planning edits",
  "planning.search": "Search by name",
  "planning.new": "New",
  "planning.edit": "Edit",
  "planning.delete": "Delete",
  "planning.save": "Save",
  "planning.cancel": "Cancel",
  "planning.name": "Name",
  "planning.nameZh": "Chinese name",
  "planning.nameEn": "English name",
  "planning.count": "{count} records",
  "planning.empty": "No matching records",
  "planning.drawPoint": "Click the location on the map",
  "planning.drawLine": "Click each point of the route on the map, then click the last point again to finish",
  "planning.drawPolygon": "Click each corner of the area on the map, then click the first corner to close it",
  "planning.editGeometry": "Drag the feature or its vertices to change the geometry",
  "planning.geometry": "Geometry",
  "planning.geometryOnMap": "the orange dashed shape on the map",
  "planning.creating": "New {kind}",
  "planning.editing": "Edit {kind}: {name}",
  "planning.confirmDelete": "Delete {kind} \"{name}\"? This cannot be undone.",
  "planning.saved": "Saved",
  "planning.deleted": "Deleted",
  "planning.failed": "Saving failed: {message}",
  "planning.deleteFailed": "Deleting failed: {message}",
  "planning.monthsHint": "months separated by commas, such as 12,1,2",
  "planning.noBase": "none",
  "planning.kind.bases": "base",
  "planning.kind.landingPoints": "landing point",
  "planning.kind.waterSources": "water source",
  "planning.kind.patrolRoutes": "patrol route",
  "planning.kind.riskAreas": "risk area",
  "planning.unit.m": " (m)",
  "planning.unit.km": " (km)",
};

const catalogs = { "zh-CN": zhCN as Record<PlanningKey, string>, en };

// Returns the planning message for key in the console's current language,
// with {name} placeholders replaced by params.
export function pt(key: PlanningKey, params: Record<string, string | number> = {}): string {
  const template = catalogs[currentLanguage()][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
