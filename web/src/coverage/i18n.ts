// Strings of the coverage layer in both console languages. The web owner
// may merge them into web/i18n; until then the layer reads them from here.
export type CoverageLanguage = "zh-CN" | "en";

export const coverageZhCN = {
  "coverage.title": "航空救援覆盖",
  "coverage.target": "目标时间（分钟）",
  "coverage.cellSize": "网格",
  "coverage.cellSize2000": "2 公里",
  "coverage.cellSize1000": "1 公里",
  "coverage.cities": "航空器",
  "coverage.citiesOwn": "本市",
  "coverage.citiesAll": "含友邻城市",
  "coverage.refresh": "刷新",
  "coverage.loading": "计算中…",
  "coverage.showHeatmap": "响应时间热力图",
  "coverage.showIsochrones": "等时线",
  "coverage.showGaps": "未覆盖区域",
  "coverage.legend": "到达时间（分钟）",
  "coverage.legendUnreachable": "无法到达",
  "coverage.legendGap": "{target} 分钟内未覆盖",
  "coverage.cityShare": "全市 {target} 分钟覆盖率：{share}",
  "coverage.riskShare": "风险区（按风险权重）：{share}",
  "coverage.gapArea": "未覆盖面积：{area} km²",
  "coverage.counties": "各旗县区",
  "coverage.riskAreas": "风险区",
  "coverage.planner": "情景推演",
  "coverage.op": "变更",
  "coverage.opCloseBase": "关闭基地",
  "coverage.opMaintenance": "航空器转入维修",
  "coverage.opAddBase": "在地图点选处新增基地和航空器",
  "coverage.opWind": "设置风",
  "coverage.base": "基地",
  "coverage.aircraft": "航空器",
  "coverage.aircraftType": "机型",
  "coverage.pickHint": "请在地图上单击新基地位置",
  "coverage.picked": "位置：{lon}, {lat}",
  "coverage.windFrom": "风向（度）",
  "coverage.windSpeed": "风速（km/h）",
  "coverage.run": "运行情景",
  "coverage.clearScenario": "清除情景",
  "coverage.difference": "变化：{before} → {after}（{delta}）",
  "coverage.gained": "新增覆盖 {area} km²",
  "coverage.lost": "失去覆盖 {area} km²",
  "coverage.error": "操作失败：{message}",
  "coverage.isochrone": "{minutes} 分钟等时线",
} as const;

export type CoverageMessageKey = keyof typeof coverageZhCN;

export const coverageEn: Record<CoverageMessageKey, string> = {
  "coverage.title": "Air rescue coverage",
  "coverage.target": "Target (minutes)",
  "coverage.cellSize": "Grid",
  "coverage.cellSize2000": "2 km",
  "coverage.cellSize1000": "1 km",
  "coverage.cities": "Aircraft",
  "coverage.citiesOwn": "Own city",
  "coverage.citiesAll": "With partner cities",
  "coverage.refresh": "Refresh",
  "coverage.loading": "Computing…",
  "coverage.showHeatmap": "Response-time heat map",
  "coverage.showIsochrones": "Isochrones",
  "coverage.showGaps": "Unreached areas",
  "coverage.legend": "Arrival time (minutes)",
  "coverage.legendUnreachable": "Unreachable",
  "coverage.legendGap": "Not reached within {target} min",
  "coverage.cityShare": "City reached within {target} min: {share}",
  "coverage.riskShare": "Risk areas (risk-weighted): {share}",
  "coverage.gapArea": "Unreached area: {area} km²",
  "coverage.counties": "Counties",
  "coverage.riskAreas": "Risk areas",
  "coverage.planner": "What-if",
  "coverage.op": "Change",
  "coverage.opCloseBase": "Close a base",
  "coverage.opMaintenance": "Send an aircraft to maintenance",
  "coverage.opAddBase": "Add a base and aircraft at a map click",
  "coverage.opWind": "Set the wind",
  "coverage.base": "Base",
  "coverage.aircraft": "Aircraft",
  "coverage.aircraftType": "Aircraft type",
  "coverage.pickHint": "Click the map where the new base goes",
  "coverage.picked": "Position: {lon}, {lat}",
  "coverage.windFrom": "Wind from (degrees)",
  "coverage.windSpeed": "Wind speed (km/h)",
  "coverage.run": "Run what-if",
  "coverage.clearScenario": "Clear what-if",
  "coverage.difference": "Change: {before} → {after} ({delta})",
  "coverage.gained": "Gained {area} km²",
  "coverage.lost": "Lost {area} km²",
  "coverage.error": "Failed: {message}",
  "coverage.isochrone": "{minutes} min isochrone",
};

export const coverageMessages: Record<CoverageLanguage, Record<CoverageMessageKey, string>> = {
  "zh-CN": coverageZhCN,
  en: coverageEn,
};

/** Looks up a string and fills its {placeholders}. */
export function translate(
  language: CoverageLanguage,
  key: CoverageMessageKey,
  params: Record<string, string | number> = {},
): string {
  return coverageMessages[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
