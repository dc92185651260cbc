import { moduleMessages } from "../core/i18n.js";

// Strings of the user and API token administration screen in both console languages.
const zhCN = {
  "admin.open": "用户与令牌",
  "admin.title": "用户与 API 令牌管理",
  "admin.close": "关闭",
  "admin.loading": "正在载入…",
  "admin.loadFailed": "载入失败：{message}",
  "admin.users": "用户",
  "admin.tokens": "API 令牌",
  "admin.cancel": "取消",
  "admin.save": "保存",
  "admin.actions": "操作",
  "admin.created": "创建时间（北京时间）",

  "admin.user.create": "新建用户",
  "admin.user.edit": "编辑",
  "admin.user.editTitle": "编辑用户 {username}",
  "admin.user.resetPassword": "重置密码",
  "admin.user.resetTitle": "重置 {username} 的密码",
  "admin.user.resetHelp": "新密码生效后，该用户已登录的会话全部失效。",
  "admin.user.disable": "停用",
  "admin.user.enable": "启用",
  "admin.user.delete": "删除",
  "admin.user.username": "用户名",
  "admin.user.usernameHelp": "3 至 40 个小写字母、数字、点、短横线或下划线，例如 zhang.wei",
  "admin.user.displayName": "显示名称",
  "admin.user.role": "角色",
  "admin.user.city": "所属城市",
  "admin.user.status": "状态",
  "admin.user.enabled": "启用",
  "admin.user.disabled": "已停用",
  "admin.user.password": "密码",
  "admin.user.passwordConfirm": "确认密码",
  "admin.user.passwordHelp": "至少 10 个字符，最多 256 个",
  "admin.user.passwordMismatch": "两次输入的密码不一致",
  "admin.user.none": "还没有用户",
  "admin.user.confirmDelete": "删除用户 {username}（{displayName}）？该用户的会话随之失效，此操作不能撤销。",
  "admin.user.confirmDisable": "停用用户 {username}？该用户已登录的会话立即失效，停用后不能登录。",

  "admin.token.create": "新建令牌",
  "admin.token.name": "名称",
  "admin.token.nameHelp": "用途或设备，例如“临河站 ADS-B 接收机”",
  "admin.token.role": "角色",
  "admin.token.city": "所属城市",
  "admin.token.status": "状态",
  "admin.token.active": "有效",
  "admin.token.lastUsed": "最近使用",
  "admin.token.neverUsed": "从未使用",
  "admin.token.revokedAt": "已于 {time} 吊销",
  "admin.token.revoke": "吊销",
  "admin.token.none": "还没有 API 令牌",
  "admin.token.expiryNote": "API 令牌不会自动过期；不再使用的令牌请及时吊销。最近使用时间精确到分钟。",
  "admin.token.confirmRevoke": "吊销令牌“{name}”？使用它的接收机或系统将立即被拒绝访问，此操作不能撤销。",
  "admin.token.secretTitle": "令牌“{name}”已创建",
  "admin.token.secretWarning": "请立即复制并妥善保存此密钥。关闭后它不会再显示，服务器也只保存其散列值，丢失后只能吊销并新建。",
  "admin.token.secret": "密钥",
  "admin.token.copy": "复制",
  "admin.token.copied": "已复制到剪贴板",
  "admin.token.copyFailed": "无法访问剪贴板，请手动选中并复制",
  "admin.token.done": "我已保存，关闭",

  "admin.confirm": "确认",
  "admin.confirmTitle": "请确认",
} as const;

export type AdminKey = keyof typeof zhCN;

const en: Record<AdminKey, string> = {
  "admin.open": "Users and tokens",
  "admin.title": "Users and API tokens",
  "admin.close": "Close",
  "admin.loading": "Loading…",
  "admin.loadFailed": "Loading failed: {message}",
  "admin.users": "Users",
  "admin.tokens": "API tokens",
  "admin.cancel": "Cancel",
  "admin.save": "Save",
  "admin.actions": "Actions",
  "admin.created": "Created (China Standard Time)",

  "admin.user.create": "New user",
  "admin.user.edit": "Edit",
  "admin.user.editTitle": "Edit user {username}",
  "admin.user.resetPassword": "Reset password",
  "admin.user.resetTitle": "Reset the password of {username}",
  "admin.user.resetHelp": "Once the new password is saved, all of this user's signed-in sessions end.",
  "admin.user.disable": "Disable",
  "admin.user.enable": "Enable",
  "admin.user.delete": "Delete",
  "admin.user.username": "Username",
  "admin.user.usernameHelp": "3 to 40 lower-case letters, digits, dots, dashes or underscores, such as zhang.wei",
  "admin.user.displayName": "Display name",
  "admin.user.role": "Role",
  "admin.user.city": "City",
  "admin.user.status": "Status",
  "admin.user.enabled": "Enabled",
  "admin.user.disabled": "Disabled",
  "admin.user.password": "Password",
  "admin.user.passwordConfirm": "Confirm password",
  "admin.user.passwordHelp": "10 to 256 characters",
  "admin.user.passwordMismatch": "The two passwords do not match",
  "admin.user.none": "No users yet",
  "admin.user.confirmDelete": "Delete user {username} ({displayName})? Their sessions end with it, and this cannot be undone.",
  "admin.user.confirmDisable": "Disable user {username}? Their signed-in sessions end at once and they cannot sign in until enabled again.",

  "admin.token.create": "New token",
  "admin.token.name": "Name",
  "admin.token.nameHelp": "What or who uses it, such as \"Linhe station ADS-B receiver\"",
  "admin.token.role": "Role",
  "admin.token.city": "City",
  "admin.token.status": "Status",
  "admin.token.active": "Active",
  "admin.token.lastUsed": "Last used",
  "admin.token.neverUsed": "Never used",
  "admin.token.revokedAt": "Revoked {time}",
  "admin.token.revoke": "Revoke",
  "admin.token.none": "No API tokens yet",
  "admin.token.expiryNote": "API tokens do not expire: revoke a token as soon as it is no longer needed. The last use is recorded to the minute.",
  "admin.token.confirmRevoke": "Revoke the token \"{name}\"? Receivers or systems that use it are rejected at once, and this cannot be undone.",
  "admin.token.secretTitle": "Token \"{name}\" created",
  "admin.token.secretWarning": "Copy this secret now and keep it safe. It is not shown again after you close this box, and the server keeps only its hash: if it is lost, revoke the token and create a new one.",
  "admin.token.secret": "Secret",
  "admin.token.copy": "Copy",
  "admin.token.copied": "Copied to the clipboard",
  "admin.token.copyFailed": "The clipboard is not available: select the secret and copy it by hand",
  "admin.token.done": "I have saved it, close",

  "admin.confirm": "Confirm",
  "admin.confirmTitle": "Please confirm",
};

const catalogs = { "zh-CN": zhCN as Record<AdminKey, string>, en };

// Returns the administration message for key in the console's current
// language, with {name} placeholders replaced by params.
export const at = moduleMessages<AdminKey>(catalogs);

// Marks a node whose text is the message for key, so that translateAdmin
// can rewrite it after a language switch.
export function adminText<T extends HTMLElement>(node: T, key: AdminKey, params: Record<string, string | number> = {}): T {
  node.dataset.adminI18n = key;
  node.dataset.adminI18nParams = JSON.stringify(params);
  node.textContent = at(key, params);
  return node;
}

// Rewrites every node under root that adminText marked, in the current language.
export function translateAdmin(root: ParentNode): void {
  for (const node of root.querySelectorAll<HTMLElement>("[data-admin-i18n]")) {
    const params = JSON.parse(node.dataset.adminI18nParams ?? "{}") as Record<string, string | number>;
    node.textContent = at(node.dataset.adminI18n as AdminKey, params);
  }
}
