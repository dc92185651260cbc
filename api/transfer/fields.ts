import type { z } from "zod";

import type { AssetKind } from "../assets/kinds.js";

// Maps column, ExtendedData and extension names from files to the kind's
// property names, and turns text cells into the types its schema expects.

// Headers that planners' spreadsheets and other GIS tools use for our
// properties: Chinese headers, and the plain `name` and `description` of
// QGIS or geojson.io files. A unit in brackets after a header, as in
// 海拔（米）, is dropped before the lookup.
const headerAliases: Record<string, string> = {
  name: "nameZh",
  description: "notes",
  名称: "nameZh",
  中文名称: "nameZh",
  英文名称: "nameEn",
  英文名: "nameEn",
  类型: "kind",
  种类: "kind",
  道面: "surface",
  地面: "surface",
  场地尺寸: "sizeM",
  尺寸: "sizeM",
  夜航: "nightCapable",
  夜间可用: "nightCapable",
  海拔: "elevationM",
  高程: "elevationM",
  城市: "city",
  所属城市: "city",
  备注: "notes",
  来源: "source",
  编号: "code",
  代码: "code",
  吊桶可用: "bucketUsable",
  最小水深: "minDepthM",
  封冻月份: "monthsFrozen",
  结冰月份: "monthsFrozen",
  巡航月份: "activeMonths",
  活动月份: "activeMonths",
  走廊宽度: "corridorWidthKm",
  权重: "weight",
};

// Chinese values for enum properties, per property name.
const chineseValues: Record<string, Record<string, string>> = {
  surface: { 水泥: "concrete", 混凝土: "concrete", 沥青: "asphalt", 草地: "grass", 砂石: "gravel", 碎石: "gravel", 土质: "dirt", 土: "dirt" },
  kind: {
    河流: "river", 湖泊: "lake", 水库: "reservoir", 池塘: "pond", 水池: "tank", 水罐: "tank",
    森林: "forest", 林区: "forest", 草原: "grassland", 洪涝: "flood", 地震: "seismic", 危化品: "hazardous_chemicals", 矿区: "mine",
  },
  city: { 巴彦淖尔: "bayannur", 巴彦淖尔市: "bayannur", 包头: "baotou", 包头市: "baotou", 鄂尔多斯: "ordos", 鄂尔多斯市: "ordos", 乌海: "wuhai", 乌海市: "wuhai", 阿拉善: "alxa", 阿拉善盟: "alxa" },
};

const trueWords = new Set(["true", "1", "yes", "y", "是", "有", "可"]);
const falseWords = new Set(["false", "0", "no", "n", "否", "无", "不可"]);

// Fields that an exported file carries but an import never writes: `id` is
// used for matching and the audit times are set by the database.
export const readOnlyFields = new Set(["id", "createdAt", "updatedAt"]);

type FieldType = "string" | "number" | "boolean" | "enum" | "numberArray" | "stringArray" | "other";

function innermost(schema: z.ZodType): z.core.$ZodType {
  let current = schema as unknown as z.core.$ZodType;
  for (;;) {
    const def = current._zod.def as { innerType?: z.core.$ZodType };
    if (!def.innerType) {
      return current;
    }
    current = def.innerType;
  }
}

function fieldType(schema: z.ZodType): FieldType {
  const inner = innermost(schema);
  const type = inner._zod.def.type;
  if (type === "array") {
    const element = (inner._zod.def as unknown as { element: z.core.$ZodType }).element;
    return element._zod.def.type === "number" ? "numberArray" : "stringArray";
  }
  if (type === "string" || type === "number" || type === "boolean" || type === "enum") {
    return type;
  }
  return "other";
}

export function fieldTypes(kind: AssetKind): Map<string, FieldType> {
  return new Map(Object.entries(kind.create.shape).map(([name, schema]) => [name, fieldType(schema as z.ZodType)]));
}

// Returns the property a file's field name stands for, or null when the kind
// has no such property. Matching ignores case, spaces, underscores and
// hyphens, so name_zh, NameZH and "name zh" all find nameZh.
export function propertyNameFor(kind: AssetKind, header: string): string | null {
  const cleaned = header.replace(/^\uFEFF/, "").replace(/[（(].*[)）]\s*$/, "").trim();
  const aliased = headerAliases[cleaned] ?? headerAliases[cleaned.toLowerCase()];
  if (aliased && aliased in kind.create.shape) {
    return aliased;
  }

  const squashed = cleaned.toLowerCase().replace(/[\s_-]/g, "");
  for (const name of [...Object.keys(kind.create.shape), ...readOnlyFields]) {
    if (name.toLowerCase() === squashed) {
      return name;
    }
  }
  return null;
}

function splitList(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) {
        return parsed.map(String);
      }
    } catch {
      // Not JSON: fall through to the separators people type.
    }
  }
  return trimmed
    .replace(/^\[|\]$/g, "")
    .split(/[,;，；、\s]+/)
    .filter((part) => part !== "");
}

// Converts a text value to the property's type. A value that does not
// convert is returned unchanged, so that the kind's schema rejects it with
// the value shown. Empty text means "not given" and returns undefined.
export function coerceValue(type: FieldType | undefined, property: string, value: unknown): unknown {
  if (typeof value !== "string") {
    return value;
  }
  const text = value.trim();
  if (text === "") {
    return undefined;
  }

  switch (type) {
    case "number": {
      const number = Number(text);
      return Number.isFinite(number) ? number : text;
    }
    case "boolean": {
      const lower = text.toLowerCase();
      if (trueWords.has(lower)) {
        return true;
      }
      return falseWords.has(lower) ? false : text;
    }
    case "enum":
      return chineseValues[property]?.[text] ?? text;
    case "numberArray":
      return splitList(text).map((part) => (Number.isFinite(Number(part)) ? Number(part) : part));
    case "stringArray":
      return splitList(text);
    default:
      return text;
  }
}
