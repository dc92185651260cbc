import { moduleMessages } from "../core/i18n.js";

// Strings of the live aircraft popup in both console languages.
const zhCN = {
  "aircraftPopup.mission": "当前任务",
  "aircraftPopup.missionValue": "#{id} · {status}",
  "aircraftPopup.noMission": "无执行任务",
  "aircraftPopup.missionLoading": "正在查询任务…",
  "aircraftPopup.missionFailed": "任务查询失败：{message}",
  "aircraftPopup.incident": "事件",
  "aircraftPopup.incidentValue": "#{id} · {kind}",
  "aircraftPopup.eta": "预计到达",
  "aircraftPopup.etaAt": "{time}（派遣后 {eta} 分钟）",
  "aircraftPopup.etaAfterDispatch": "派遣后 {eta} 分钟",
  "aircraftPopup.onScene": "到场",
  "aircraftPopup.onSceneAt": "{time}（用时 {arrival} 分钟）",
  "aircraftPopup.clock": "{time}（北京时间）",
} as const;

export type AircraftPopupKey = keyof typeof zhCN;

const en: Record<AircraftPopupKey, string> = {
  "aircraftPopup.mission": "Mission",
  "aircraftPopup.missionValue": "#{id} · {status}",
  "aircraftPopup.noMission": "No active mission",
  "aircraftPopup.missionLoading": "Looking up the mission…",
  "aircraftPopup.missionFailed": "Mission lookup failed: {message}",
  "aircraftPopup.incident": "Incident",
  "aircraftPopup.incidentValue": "#{id} · {kind}",
  "aircraftPopup.eta": "ETA",
  "aircraftPopup.etaAt": "{time} ({eta} min after dispatch)",
  "aircraftPopup.etaAfterDispatch": "{eta} min after dispatch",
  "aircraftPopup.onScene": "On scene",
  "aircraftPopup.onSceneAt": "{time} ({arrival} min after dispatch)",
  "aircraftPopup.clock": "{time} (China Standard Time)",
};

const catalogs = { "zh-CN": zhCN as Record<AircraftPopupKey, string>, en };

// Returns the aircraft popup's message for key in the console's current
// language, with {name} placeholders replaced by params.
export const popupText = moduleMessages<AircraftPopupKey>(catalogs);
