import { moduleMessages } from "../core/i18n.js";

// Strings of the history replay in both console languages.
const zhCN = {
  "replay.open": "历史回放",
  "replay.title": "历史回放",
  "replay.close": "结束回放",
  "replay.from": "开始（北京时间）",
  "replay.to": "结束（北京时间）",
  "replay.load": "载入",
  "replay.loading": "正在载入航迹…",
  "replay.loaded": "{count} 架航空器有航迹",
  "replay.loadedThinned": "{count} 架航空器有航迹，位置过多，每架每 {seconds} 秒取一个",
  "replay.none": "该时段没有存储的航迹",
  "replay.play": "播放",
  "replay.pause": "暂停",
  "replay.speed": "倍速",
  "replay.banner": "回放中 {time}（北京时间）",
  "replay.alerts": "当时的告警",
  "replay.noAlerts": "当时无告警",
  "replay.invalidWindow": "开始时间须早于结束时间，且时段不超过 24 小时",
  "replay.failed": "载入失败：{message}",
} as const;

export type ReplayKey = keyof typeof zhCN;

const en: Record<ReplayKey, string> = {
  "replay.open": "Replay",
  "replay.title": "History replay",
  "replay.close": "End replay",
  "replay.from": "From (China Standard Time)",
  "replay.to": "To (China Standard Time)",
  "replay.load": "Load",
  "replay.loading": "Loading tracks…",
  "replay.loaded": "{count} aircraft have tracks",
  "replay.loadedThinned": "{count} aircraft have tracks, thinned to one position per {seconds} s each",
  "replay.none": "No stored tracks in this window",
  "replay.play": "Play",
  "replay.pause": "Pause",
  "replay.speed": "Speed",
  "replay.banner": "Replaying {time} (China Standard Time)",
  "replay.alerts": "Alerts at that time",
  "replay.noAlerts": "No alerts at that time",
  "replay.invalidWindow": "The start must be before the end, and the window at most 24 hours",
  "replay.failed": "Loading failed: {message}",
};

const catalogs = { "zh-CN": zhCN as Record<ReplayKey, string>, en };

// Returns the replay message for key in the console's current language,
// with {name} placeholders replaced by params.
export const rt = moduleMessages<ReplayKey>(catalogs);
