import type { ErrorDetail } from "./errors.js";
import { cityZh, geometryReasonEn, geometryReasonZh, rolesZh, tooLongEn, tooLongZh, tooShortEn, tooShortZh } from "./message-parts.js";

export type Locale = "zh-CN" | "en";

type Render = (d: ErrorDetail, field: string, value: string) => string;

// Messages per stable error code, Chinese first. `field` and `value` are
// already formatted; a code without an entry falls back to `unknown`.
const catalog: Record<string, Record<Locale, Render>> = {
  invalid_json: {
    "zh-CN": () => "请求体不是有效的 JSON",
    en: () => "request body is not valid JSON",
  },
  missing_field: {
    "zh-CN": (_d, f) => `${f}：缺少必填字段`,
    en: (_d, f) => `${f}: required field is missing`,
  },
  invalid_type: {
    "zh-CN": (d, f, v) => `${f}：类型错误，应为 ${d.expected}，收到 ${v}`,
    en: (d, f, v) => `${f}: expected ${d.expected}, got ${v}`,
  },
  unknown_field: {
    "zh-CN": (_d, f) => `${f}：未知字段，请删除`,
    en: (_d, f) => `${f}: unknown field, remove it`,
  },
  too_small: {
    "zh-CN": (d, f, v) => tooShortZh(d, f) ?? (d.params?.exclusive ? `${f}：必须大于 ${d.expected}，收到 ${v}` : `${f}：不能小于 ${d.expected}，收到 ${v}`),
    en: (d, f, v) => tooShortEn(d, f) ?? (d.params?.exclusive ? `${f}: must be greater than ${d.expected}, got ${v}` : `${f}: must be at least ${d.expected}, got ${v}`),
  },
  too_big: {
    "zh-CN": (d, f, v) => tooLongZh(d, f) ?? (d.params?.exclusive ? `${f}：必须小于 ${d.expected}，收到 ${v}` : `${f}：不能大于 ${d.expected}，收到 ${v}`),
    en: (d, f, v) => tooLongEn(d, f) ?? (d.params?.exclusive ? `${f}: must be less than ${d.expected}, got ${v}` : `${f}: must be at most ${d.expected}, got ${v}`),
  },
  invalid_value: {
    "zh-CN": (d, f, v) => `${f}：取值无效 ${v}，可选值为 ${d.expected}`,
    en: (d, f, v) => `${f}: invalid value ${v}, expected one of ${d.expected}`,
  },
  invalid_format: {
    "zh-CN": (d, f, v) => `${f}：格式无效 ${v}，应为 ${d.expected}`,
    en: (d, f, v) => `${f}: invalid format ${v}, expected ${d.expected}`,
  },
  coordinate_out_of_range: {
    "zh-CN": (d, f, v) => `${f}：坐标超出范围 ${v}，${d.expected}`,
    en: (d, f, v) => `${f}: coordinate out of range ${v}, expected ${d.expected}`,
  },
  coordinates_swapped: {
    "zh-CN": (_d, f, v) => `${f}：坐标 ${v} 远在服务区外，经纬度似乎写反了；GeoJSON 的顺序是 [经度, 纬度]`,
    en: (_d, f, v) => `${f}: ${v} is far outside the service region and looks like [lat, lon]; GeoJSON order is [lon, lat]`,
  },
  outside_service_region: {
    "zh-CN": (d, f, v) => `${f}：坐标 ${v} 在服务区 ${d.expected} 之外`,
    en: (d, f, v) => `${f}: ${v} is outside the service region ${d.expected}`,
  },
  wrong_geometry_type: {
    "zh-CN": (d, f, v) => `${f}：几何类型应为 ${d.expected}，收到 ${v}`,
    en: (d, f, v) => `${f}: geometry type must be ${d.expected}, got ${v}`,
  },
  ring_not_closed: {
    "zh-CN": (_d, f) => `${f}：多边形的环未闭合，首尾坐标必须相同`,
    en: (_d, f) => `${f}: polygon ring is not closed, its first and last positions must be equal`,
  },
  ring_too_short: {
    "zh-CN": (d, f) => `${f}：多边形的环至少需要 4 个坐标（含闭合点），收到 ${d.params?.count} 个`,
    en: (d, f) => `${f}: a polygon ring needs at least 4 positions including the closing one, got ${d.params?.count}`,
  },
  self_intersecting: {
    "zh-CN": (d, f) => `${f}：多边形自相交（${geometryReasonZh(d.expected)}），请修正边界`,
    en: (d, f) => `${f}: polygon is self-intersecting (${geometryReasonEn(d.expected)}), fix its outline`,
  },
  too_few_points: {
    "zh-CN": (d, f) => `${f}：航线至少需要 2 个不同的点，收到 ${d.params?.count} 个`,
    en: (d, f) => `${f}: a route needs at least 2 distinct points, got ${d.params?.count}`,
  },
  invalid_geometry: {
    "zh-CN": (d, f) => `${f}：几何无效：${geometryReasonZh(d.expected)}`,
    en: (d, f) => `${f}: invalid geometry: ${geometryReasonEn(d.expected)}`,
  },
  duplicate_value: {
    "zh-CN": (_d, f, v) => `${f}：${v} 已被使用，必须唯一`,
    en: (_d, f, v) => `${f}: ${v} is already in use and must be unique`,
  },
  reference_not_found: {
    "zh-CN": (_d, f, v) => `${f}：引用的对象 ${v} 不存在`,
    en: (_d, f, v) => `${f}: referenced object ${v} does not exist`,
  },
  in_use: {
    "zh-CN": (d, f, v) => `${f}：${v} 仍被 ${d.expected} 引用，不能删除`,
    en: (d, f, v) => `${f}: ${v} is still referenced by ${d.expected} and cannot be deleted`,
  },
  not_found: {
    "zh-CN": (_d, f, v) => `${f}：未找到 ${v}`,
    en: (_d, f, v) => `${f}: ${v} not found`,
  },
  invalid_query: {
    "zh-CN": (d, f, v) => `${f}：参数无效 ${v}，应为 ${d.expected}`,
    en: (d, f, v) => `${f}: invalid parameter ${v}, expected ${d.expected}`,
  },
  missing_token: {
    "zh-CN": () => "需要登录：请在 Authorization 头中提供 Bearer 令牌",
    en: () => "authentication required: send a Bearer token in the Authorization header",
  },
  invalid_token: {
    "zh-CN": () => "令牌无效或已被吊销",
    en: () => "token is invalid or revoked",
  },
  forbidden_role: {
    "zh-CN": (d) => `权限不足：此操作需要以下角色之一：${rolesZh(d.expected)}`,
    en: (d) => `forbidden: this operation needs role ${d.expected}`,
  },
  incident_closed: {
    "zh-CN": (_d, f, v) => `${f}：事件 ${v} 已结案，不能修改`,
    en: (_d, f, v) => `${f}: incident ${v} is closed and cannot be changed`,
  },
  incident_has_active_missions: {
    "zh-CN": (d, f, v) => `${f}：事件 ${v} 仍有进行中的任务 ${d.expected}，请先结束或取消任务`,
    en: (d, f, v) => `${f}: incident ${v} still has active missions ${d.expected}; end or cancel them first`,
  },
  aircraft_unavailable: {
    "zh-CN": (d, f, v) => `${f}：航空器 ${v} 当前状态为 ${d.expected}，不能派遣`,
    en: (d, f, v) => `${f}: aircraft ${v} is ${d.expected} and cannot be dispatched`,
  },
  aircraft_unable: {
    "zh-CN": (d, f, v) => `${f}：按响应时间模型，航空器 ${v} 不能执行此任务（${d.expected}）；确需派遣请在请求中加 "override": true`,
    en: (d, f, v) => `${f}: by the response-time model aircraft ${v} cannot fly this mission (${d.expected}); send "override": true to dispatch it anyway`,
  },
  aircraft_busy: {
    "zh-CN": (d, f, v) => `${f}：航空器 ${v} 正在执行任务 ${d.expected}，请选择其他航空器`,
    en: (d, f, v) => `${f}: aircraft ${v} is already on mission ${d.expected}; choose another aircraft`,
  },
  aircraft_not_at_disposal: {
    "zh-CN": (d, f) => `${f}：航空器 ${d.params?.registration} 目前归${cityZh(d.params?.servingCity)}调度，不在${cityZh(d.expected)}的调度范围内；请先通过区域互助借调`,
    en: (d, f, v) => `${f}: aircraft ${v} (${d.params?.registration}) is at the disposal of ${d.params?.servingCity}, not of your city ${d.expected}; borrow it through mutual aid first`,
  },
  loan_aircraft_on_mission: {
    "zh-CN": (d, f, v) => `${f}：借调的航空器 ${v} 正在执行任务 ${d.expected}，任务结束后才能归还`,
    en: (d, f, v) => `${f}: the loaned aircraft ${v} is flying mission ${d.expected}; return it when the mission ends`,
  },
  invalid_transition: {
    "zh-CN": (d, f, v) => `${f}：任务状态不能改为 ${v}，当前状态下可选 ${d.expected}`,
    en: (d, f, v) => `${f}: mission status cannot change to ${v}; allowed from here: ${d.expected}`,
  },
  alert_cleared: {
    "zh-CN": (_d, f, v) => `${f}：告警 ${v} 已解除，无需确认`,
    en: (_d, f, v) => `${f}: alert ${v} has already cleared and needs no acknowledgement`,
  },
  // Flight-following alerts: `params` carries the registration, the callsign, the level and the rule's details.
  alert_lost_contact: {
    "zh-CN": (d) => `${aircraftZh(d.params)} 失去联络（${levelZh(d.params?.level)}）：最后位置时间 ${d.params?.lastPositionTime}`,
    en: (d) => `${aircraftEn(d.params)} lost contact (${d.params?.level}): last position at ${d.params?.lastPositionTime}`,
  },
  alert_emergency_squawk: {
    "zh-CN": (d) => `${aircraftZh(d.params)} 应答机发出紧急代码 ${d.params?.squawk}：${squawkZh(d.params?.squawk)}`,
    en: (d) => `${aircraftEn(d.params)} is squawking ${d.params?.squawk}: ${String(d.params?.meaning).replace(/_/g, " ")}`,
  },
  alert_route_deviation: {
    "zh-CN": (d) => `${aircraftZh(d.params)} 偏离巡护航线 ${d.params?.offRouteKm} 公里，超出走廊宽度 ${d.params?.corridorWidthKm} 公里`,
    en: (d) => `${aircraftEn(d.params)} is ${d.params?.offRouteKm} km off its patrol route, beyond the ${d.params?.corridorWidthKm} km corridor`,
  },
  alert_restricted_area: {
    "zh-CN": (d) => `${aircraftZh(d.params)} 进入限制区「${d.params?.nameZh}」`,
    en: (d) => `${aircraftEn(d.params)} entered restricted area ${d.params?.nameEn === "-" ? d.params?.nameZh : d.params?.nameEn}`,
  },
  alert_low_endurance: {
    "zh-CN": (d) => `${aircraftZh(d.params)} 续航不足：估计剩余 ${d.params?.remainingMin} 分钟，返回最近机场并保留备份油量需 ${d.params?.neededMin} 分钟`,
    en: (d) => `${aircraftEn(d.params)} low endurance: about ${d.params?.remainingMin} min left, ${d.params?.neededMin} min needed to reach the nearest base with reserve`,
  },
  alert_overdue: {
    "zh-CN": (d) => `${aircraftZh(d.params)} 超时未到达现场：已超过预计到达时间 ${d.params?.pastEtaMin} 分钟`,
    en: (d) => `${aircraftEn(d.params)} overdue: not on scene ${d.params?.pastEtaMin} min after its ETA`,
  },
  // Users, login sessions, city scoping and mutual aid.
  session_expired: {
    "zh-CN": () => "登录已过期或已退出，请重新登录",
    en: () => "the session has expired or was logged out; log in again",
  },
  invalid_credentials: {
    "zh-CN": () => "用户名或密码错误",
    en: () => "wrong username or password",
  },
  too_many_attempts: {
    "zh-CN": (d) => `登录失败次数过多，请 ${d.params?.retryAfterS} 秒后再试`,
    en: (d) => `too many failed logins; try again in ${d.params?.retryAfterS} s`,
  },
  not_a_session: {
    "zh-CN": () => "此令牌不是登录会话，无需退出；API 令牌请由管理员吊销",
    en: () => "this token is not a login session, so there is nothing to log out; an admin revokes API tokens",
  },
  self_lockout: {
    "zh-CN": (_d, f, v) => `${f}：不能删除、停用或降级当前登录的账号 ${v}`,
    en: (_d, f, v) => `${f}: you cannot delete, disable or demote your own account ${v}`,
  },
  forbidden_city: {
    "zh-CN": (d, f, v) => `${f}：只能修改本市（${d.expected}）的数据，不能修改 ${v}`,
    en: (d, f, v) => `${f}: you may change records of your own city (${d.expected}) only, not ${v}`,
  },
  forbidden_mutual_aid_step: {
    "zh-CN": (d, f, v) => `${f}：此步骤只能由 ${d.expected} 的协调员执行，你所属城市为 ${v}`,
    en: (d, f, v) => `${f}: only a coordinator of ${d.expected} may take this step; your city is ${v}`,
  },
  city_inactive: {
    "zh-CN": (_d, f, v) => `${f}：城市 ${v} 已停用互助，不能发起新的请求`,
    en: (_d, f, v) => `${f}: city ${v} is inactive and takes no new mutual-aid requests`,
  },
  aircraft_wrong_city: {
    "zh-CN": (d, f, v) => `${f}：航空器 ${v} 不属于出借城市 ${d.expected}`,
    en: (d, f, v) => `${f}: aircraft ${v} does not belong to the lending city ${d.expected}`,
  },
  aircraft_not_suitable: {
    "zh-CN": (d, f, v) => `${f}：航空器 ${v} 不满足请求的要求 ${d.expected}`,
    en: (d, f, v) => `${f}: aircraft ${v} does not meet the request's needs ${d.expected}`,
  },
  incident_wrong_city: {
    "zh-CN": (d, f, v) => `${f}：事件 ${v} 不在请求城市 ${d.expected} 境内，只能为本市的事件请求支援`,
    en: (d, f, v) => `${f}: incident ${v} lies outside the requesting city ${d.expected}; a city may request aid for its own incidents only`,
  },
  aircraft_on_loan: {
    "zh-CN": (d, f, v) => `${f}：航空器 ${v} 已借出（互助请求 ${d.expected}），归还前不能再借`,
    en: (d, f, v) => `${f}: aircraft ${v} is already on loan (mutual-aid request ${d.expected}) until it is returned`,
  },
  no_suitable_aircraft: {
    "zh-CN": (d, f, v) => `${f}：${v} 没有空闲且未借出的航空器满足 ${d.expected}，无法估算借调影响`,
    en: (d, f, v) => `${f}: ${v} has no available aircraft, not on loan, that meets ${d.expected}, so the loan's impact cannot be estimated`,
  },
  city_adcode_unknown: {
    "zh-CN": (_d, f, v) => `${f}：城市 ${v} 未对应行政区划代码，请在 api/coverage/loan-impact.ts 的 cityAdcodes 中添加`,
    en: (_d, f, v) => `${f}: city ${v} has no admin area code; add it to cityAdcodes in api/coverage/loan-impact.ts`,
  },
  mutual_aid_transition: {
    "zh-CN": (d, f, v) => `${f}：互助请求当前状态为 ${v}，只有 ${d.expected} 状态可以执行此操作`,
    en: (d, f, v) => `${f}: the mutual-aid request is ${v}; this step needs it to be ${d.expected}`,
  },
  invalid_feed_config: {
    "zh-CN": (d) => `数据源配置无效：${d.expected}`,
    en: (d) => `invalid feed source configuration: ${d.expected}`,
  },
  feed_start_failed: {
    "zh-CN": (d) => `数据源无法启动：${d.expected}`,
    en: (d) => `feed source could not start: ${d.expected}`,
  },
  tracking_disabled: {
    "zh-CN": () => "本服务未启用实时跟踪",
    en: () => "live tracking is not enabled in this service",
  },
  internal_error: {
    "zh-CN": () => "服务器内部错误，已记录日志",
    en: () => "internal server error, it has been logged",
  },
  conflicting_fields: {
    "zh-CN": (d, f, v) => `${f}：与其他参数冲突（${v}），${d.expected}`,
    en: (d, f, v) => `${f}: conflicts with another parameter (${v}), send ${d.expected}`,
  },
  grid_too_large: {
    "zh-CN": (d, f, v) => `${f}：网格单元过多（${v} 个），最多 ${d.expected} 个，请增大 cellSizeM 或缩小 bbox`,
    en: (d, f, v) => `${f}: too many grid cells (${v}), at most ${d.expected}; use a larger cellSizeM or a smaller bbox`,
  },
  boundary_missing: {
    "zh-CN": (_d, f, v) => `${f}：数据库中没有行政区划 ${v} 的边界，请先导入边界（npm run seed）`,
    en: (_d, f, v) => `${f}: no boundary for admin area ${v} in the database; import the boundaries first (npm run seed)`,
  },
  // Why an aircraft cannot fly a mission (coverage ETA reasons); params come from the reason's detail.
  eta_reason_night_aircraft: {
    "zh-CN": (d) => `机型 ${d.params?.typeId} 不具备夜航能力`,
    en: (d) => `aircraft type ${d.params?.typeId} is not night-capable`,
  },
  eta_reason_night_base: {
    "zh-CN": (d) => `母基地 ${d.params?.baseCode} 夜间不开放`,
    en: (d) => `home base ${d.params?.baseCode} is closed at night`,
  },
  eta_reason_no_bucket: {
    "zh-CN": (d) => `机型 ${d.params?.typeId} 不能吊挂水桶`,
    en: (d) => `aircraft type ${d.params?.typeId} cannot carry a bucket`,
  },
  eta_reason_endurance_unknown: {
    "zh-CN": () => "航空器在空中但起飞时间不明，无法估算剩余续航",
    en: () => "the aircraft is airborne but its take-off time is unknown, so the fuel left cannot be estimated",
  },
  eta_reason_wind: {
    "zh-CN": (d) =>
      `${d.params?.leg === "outbound" ? "去程" : "返程"}风况无法飞行：逆风 ${d.params?.headwindKmh} km/h、侧风 ${d.params?.crosswindKmh} km/h，空速 ${d.params?.airspeedKmh} km/h`,
    en: (d) =>
      `the ${d.params?.leg} leg cannot be flown in this wind: headwind ${d.params?.headwindKmh} km/h, crosswind ${d.params?.crosswindKmh} km/h, airspeed ${d.params?.airspeedKmh} km/h`,
  },
  eta_reason_endurance: {
    "zh-CN": (d) => `往返需飞行 ${d.params?.requiredMin} 分钟，扣除备份油后仅有 ${d.params?.availableMin} 分钟续航`,
    en: (d) => `the round trip needs ${d.params?.requiredMin} min of flight, but only ${d.params?.availableMin} min are left after the reserve`,
  },
  eta_reason_out_of_range: {
    "zh-CN": (d) => `往返需 ${d.params?.requiredKm} km，扣除备份油后航程仅 ${d.params?.availableKm} km`,
    en: (d) => `the round trip needs ${d.params?.requiredKm} km, but only ${d.params?.availableKm} km of range are left after the reserve`,
  },
  invalid_file: {
    "zh-CN": (d) => `文件无法读取${d.params?.line ? `（第 ${d.params.line} 行）` : ""}：${d.expected}，文件中的数据均未导入`,
    en: (d) => `file could not be read${d.params?.line ? ` (line ${d.params.line})` : ""}: ${d.expected}; nothing in it was imported`,
  },
  missing_column: {
    "zh-CN": (d, f, v) => `${f}：找不到所需的列，应为 ${d.expected} 之一，表头为 ${v}`,
    en: (d, f, v) => `${f}: required column not found, expected one of ${d.expected}, header is ${v}`,
  },
  column_count: {
    "zh-CN": (d, f, v) => `${f}：此行有 ${v} 列，与表头的 ${d.expected} 列不一致，请检查多余或缺少的分隔符`,
    en: (d, f, v) => `${f}: the row has ${v} columns but the header has ${d.expected}; check for a missing or extra delimiter`,
  },
  invalid_coordinate: {
    "zh-CN": (d, f, v) => `${f}：坐标 ${v} 无法识别，应为 ${d.expected}`,
    en: (d, f, v) => `${f}: coordinate ${v} not recognised, expected ${d.expected}`,
  },
  wrong_hemisphere: {
    "zh-CN": (d, f, v) => `${f}：${v} 的方位字母不属于此列，应为 ${d.expected}；经纬度列可能填反了`,
    en: (d, f, v) => `${f}: the hemisphere letter of ${v} does not belong in this column, expected ${d.expected}; longitude and latitude may be swapped`,
  },
  duplicate_in_file: {
    "zh-CN": (d, f, v) =>
      `${f}：${v} 在文件中重复出现，首次出现在${d.params?.line !== undefined ? `第 ${d.params.line} 行` : `第 ${d.params?.index} 个要素`}`,
    en: (d, f, v) => `${f}: ${v} appears more than once in the file, first at ${d.expected}`,
  },
  ambiguous_match: {
    "zh-CN": (d, f, v) => `${f}：已有多条记录名为 ${v}（id ${d.expected}），无法确定更新哪一条；请改用 match=id`,
    en: (d, f, v) => `${f}: several stored records are named ${v} (ids ${d.expected}), so the one to update is unclear; use match=id`,
  },
  file_too_large: {
    "zh-CN": (d, f, v) => `${f}：文件过大（至少 ${v} 字节），上限为 ${d.expected}`,
    en: (d, f, v) => `${f}: file is too large (at least ${v} bytes), the limit is ${d.expected}`,
  },
  invalid_multipart: {
    "zh-CN": () => "请求体不是有效的 multipart/form-data",
    en: () => "request body is not valid multipart/form-data",
  },
  format_not_supported: {
    "zh-CN": (d, f, v) => `${f}：${v} 不能以此格式导出，可用格式为 ${d.expected}`,
    en: (d, f, v) => `${f}: ${v} cannot be exported in this format, use ${d.expected}`,
  },
  import_rejected: {
    "zh-CN": (_d, _f, v) => `有 ${v} 条记录被拒绝，未写入任何数据；请按报告修正后重新导入`,
    en: (_d, _f, v) => `${v} records were rejected and nothing was written; fix them as the report says and import again`,
  },
  window_inverted: {
    "zh-CN": (d, f, v) => `${f}：结束时间 ${v} 须晚于开始时间 from ${d.expected}`,
    en: (d, f, v) => `${f}: the end ${v} must be after the start (from) ${d.expected}`,
  },
  window_too_long: {
    "zh-CN": (d, f, v) => `${f}：时段过长（${d.params?.hours} 小时，结束于 ${v}），最长 ${d.expected} 小时，请缩短时段`,
    en: (d, f, v) => `${f}: the window is ${d.params?.hours} h long (ending ${v}), at most ${d.expected} h; shorten it`,
  },
  history_too_large: {
    "zh-CN": (d, f, v) =>
      `${f}：${v} 个位置不够，即使每架航空器每 ${d.params?.intervalS} 秒只取一个位置也需要 ${d.params?.needed} 个；请缩短时段、缩小 bbox 或增大 ${f}（最大 ${d.expected}）`,
    en: (d, f, v) =>
      `${f}: ${v} positions are too few; even one position per ${d.params?.intervalS} s per aircraft needs ${d.params?.needed}. Shorten the window, pass a smaller bbox or raise ${f} (at most ${d.expected})`,
  },
  no_positions: {
    "zh-CN": (d, f, v) => `${f}：${v} 在 ${d.expected} 期间没有存储的位置`,
    en: (d, f, v) => `${f}: ${v} has no stored positions in ${d.expected}`,
  },
  unknown: {
    "zh-CN": (d, f) => `${f}：请求无效（${d.code}）`,
    en: (d, f) => `${f}: invalid request (${d.code})`,
  },
};

const alertLevelsZh: Record<string, string> = { warning: "预警", alarm: "告警", escalation: "升级告警", emergency: "紧急" };
const squawksZh: Record<string, string> = { "7500": "遭非法干扰（劫持）", "7600": "无线电通信失效", "7700": "紧急情况" };

// Names the aircraft in an alert by the callsign shown on the map and by its
// registration, "BYNR01（B-7Z41）", or by the registration alone without a callsign.
function aircraftZh(params: Record<string, unknown> | undefined): string {
  const callsign = params?.callsign;
  return callsign && callsign !== "-" && callsign !== params?.registration ? `${callsign}（${params?.registration}）` : String(params?.registration);
}

function aircraftEn(params: Record<string, unknown> | undefined): string {
  const callsign = params?.callsign;
  return callsign && callsign !== "-" && callsign !== params?.registration ? `${callsign} (${params?.registration})` : String(params?.registration);
}

function levelZh(level: unknown): string {
  return alertLevelsZh[String(level)] ?? String(level);
}

function squawkZh(squawk: unknown): string {
  return squawksZh[String(squawk)] ?? String(squawk);
}

// Picks zh-CN unless the caller's Accept-Language prefers English.
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) {
    return "zh-CN";
  }

  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag.startsWith("zh") || entry.tag.startsWith("en"))
    .sort((a, b) => b.q - a.q);

  return ranked[0]?.tag.startsWith("en") ? "en" : "zh-CN";
}

function formatValue(value: unknown): string {
  if (value === undefined) {
    return "(none)";
  }

  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function renderMessage(detail: ErrorDetail, locale: Locale): string {
  const entry = catalog[detail.code] ?? catalog.unknown!;
  return entry[locale](detail, detail.field ?? "request", formatValue(detail.value));
}
