import type { ErrorDetail } from "./errors.js";

// Pieces of the error messages in messages.ts that depend on more than the
// field and the value: lengths, role names and PostGIS validity reasons.

// Returns the message of a string or list that is too short, or undefined
// for a numeric bound. params.length and params.unit come from validation.ts.
export function tooShortZh(detail: ErrorDetail, field: string): string | undefined {
  if (detail.params?.length === undefined) {
    return undefined;
  }
  if (detail.expected === "1") {
    return `${field}：不能为空`;
  }
  const unit = detail.params.unit === "characters" ? "个字符" : "项";
  return `${field}：至少需要 ${detail.expected} ${unit}，现有 ${detail.params.length} ${unit}`;
}

export function tooShortEn(detail: ErrorDetail, field: string): string | undefined {
  if (detail.params?.length === undefined) {
    return undefined;
  }
  if (detail.expected === "1") {
    return `${field}: must not be empty`;
  }
  return `${field}: needs at least ${detail.expected} ${detail.params.unit}, has ${detail.params.length}`;
}

export function tooLongZh(detail: ErrorDetail, field: string): string | undefined {
  if (detail.params?.length === undefined) {
    return undefined;
  }
  const unit = detail.params.unit === "characters" ? "个字符" : "项";
  return `${field}：最多 ${detail.expected} ${unit}，现有 ${detail.params.length} ${unit}`;
}

export function tooLongEn(detail: ErrorDetail, field: string): string | undefined {
  if (detail.params?.length === undefined) {
    return undefined;
  }
  return `${field}: allows at most ${detail.expected} ${detail.params.unit}, has ${detail.params.length}`;
}

const roleNamesZh: Record<string, string> = {
  admin: "管理员",
  planner: "规划员",
  dispatcher: "调度员",
  coordinator: "协调员",
  viewer: "只读用户",
  feed: "数据源",
};

// Turns "admin | dispatcher" (the route's roles, as router.ts lists them)
// into "管理员、调度员".
export function rolesZh(expected: string | undefined): string {
  return (expected ?? "")
    .split("|")
    .map((role) => role.trim())
    .map((role) => roleNamesZh[role] ?? role)
    .join("、");
}

// The default partner cities; a city added later is named by its code.
const cityNamesZh: Record<string, string> = {
  bayannur: "巴彦淖尔市",
  baotou: "包头市",
  ordos: "鄂尔多斯市",
  wuhai: "乌海市",
  alxa: "阿拉善盟",
};

export function cityZh(code: string | number | undefined): string {
  return cityNamesZh[String(code)] ?? String(code);
}

// PostGIS's ST_IsValidReason gives an English reason with the location in
// brackets, such as "Self-intersection[106.893463207728 42.0342188872367]".
const reasonPattern = /^(.*?)\s*\[(-?\d+(?:\.\d+)?(?:e-?\d+)?) (-?\d+(?:\.\d+)?(?:e-?\d+)?)\]$/i;

const reasonsZh: Record<string, string> = {
  "self-intersection": "边界自相交",
  "ring self-intersection": "环自相交",
  "hole lies outside shell": "内环位于外环之外",
  "interior is disconnected": "内部不连通",
  "nested shells": "外环相互嵌套",
  "nested holes": "内环相互嵌套",
  "duplicate rings": "存在重复的环",
  "too few points": "点数过少",
  "invalid coordinate": "坐标无效",
  "ring is not closed": "环未闭合",
};

function splitReason(reason: string | undefined): { text: string; lonLat: [string, string] | null } {
  const match = reasonPattern.exec(reason ?? "");
  if (!match) {
    return { text: reason ?? "", lonLat: null };
  }
  const round = (value: string) => String(Number(Number(value).toFixed(6)));
  return { text: match[1]!, lonLat: [round(match[2]!), round(match[3]!)] };
}

export function geometryReasonZh(reason: string | undefined): string {
  const { text, lonLat } = splitReason(reason);
  const translated = reasonsZh[text.toLowerCase()] ?? text;
  return lonLat ? `${translated}，位置约为经度 ${lonLat[0]}、纬度 ${lonLat[1]}` : translated;
}

export function geometryReasonEn(reason: string | undefined): string {
  const { text, lonLat } = splitReason(reason);
  return lonLat ? `${text.toLowerCase()} near longitude ${lonLat[0]}, latitude ${lonLat[1]}` : text;
}
