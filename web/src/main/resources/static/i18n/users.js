/*
 * Messages of the accounts page (/users/): accounts, their roles and the separated duties (三员分立).
 * Chinese (zh) first, English (en) the switch. Strict JSON after "export default": MessagesTest reads this file.
 */
export default {
  "zh": {
    "us.title": "账号与角色",
    "us.list.title": "本单位及下级单位的账号",
    "us.intro.security": "您是安全管理员：在这里授予和变更角色，并启用或停用系统管理员、安全管理员和安全审计员的账号。同一账号不能兼任其中两个职责；每次变更都会记入审计日志，下次登录后生效。",
    "us.intro.admin": "您是系统管理员：在这里启用或停用工作人员的账号。角色由安全管理员授予。",
    "us.forbidden": "本页供系统管理员和安全管理员管理账号。",
    "us.count": "共 {n} 个账号。",
    "us.col.user": "账号",
    "us.col.office": "单位",
    "us.col.role": "角色",
    "us.col.state": "状态",
    "us.col.actions": "操作",
    "us.enabled": "已启用",
    "us.disabled": "已停用",
    "us.enable": "启用",
    "us.disable": "停用",
    "us.duty": "职责：{duty}（不可兼任另外两个）",
    "us.role.save": "变更角色",
    "us.role.done": "已将 {name} 的角色变更为{role}。",
    "us.enable.done": "已启用 {name}。",
    "us.disable.done": "已停用 {name}。"
  },
  "en": {
    "us.title": "Accounts and roles",
    "us.list.title": "Accounts of your office and the offices below it",
    "us.intro.security": "You are the security administrator: grant and change roles here, and enable or disable the accounts of system administrators, security administrators and auditors. No account may hold two of these duties; every change is written to the audit trail and takes effect at the next login.",
    "us.intro.admin": "You are the system administrator: enable or disable staff accounts here. Roles are granted by the security administrator.",
    "us.forbidden": "This page is for system and security administrators, to manage accounts.",
    "us.count": "{n} accounts.",
    "us.col.user": "Account",
    "us.col.office": "Office",
    "us.col.role": "Role",
    "us.col.state": "State",
    "us.col.actions": "Actions",
    "us.enabled": "Enabled",
    "us.disabled": "Disabled",
    "us.enable": "Enable",
    "us.disable": "Disable",
    "us.duty": "Duty: {duty} (never one of the other two)",
    "us.role.save": "Change role",
    "us.role.done": "{name} is now {role}.",
    "us.enable.done": "{name} is enabled.",
    "us.disable.done": "{name} is disabled."
  }
};
