/*
 * Messages of the login page.
 * Chinese (zh) first, English (en) the switch. Strict JSON after "export default": MessagesTest reads this file.
 */
export default {
  "zh": {
    "login.title": "登录",
    "login.username": "用户名",
    "login.password": "密码",
    "login.submit": "登录",
    "login.busy": "正在登录…",
    "login.error": "用户名或密码错误，请重新输入。",
    "login.loggedOut": "您已安全退出。",
    "login.ended": "您的账号刚被管理员变更（角色、密码）或停用，原登录已失效。请重新登录；如无法登录，请联系本单位系统管理员。",
    "login.failed": "登录失败，请稍后重试。",
    "login.hint": "仅限信访工作人员使用。"
  },
  "en": {
    "login.title": "Sign in",
    "login.username": "Username",
    "login.password": "Password",
    "login.submit": "Sign in",
    "login.busy": "Signing in…",
    "login.error": "Wrong username or password. Please try again.",
    "login.loggedOut": "You have signed out.",
    "login.ended": "An administrator has just changed (role, password) or disabled your account, so your session has ended. Please sign in again; if you cannot, ask your office's system administrator.",
    "login.failed": "Sign-in failed. Please try again later.",
    "login.hint": "For petition office staff only."
  }
};
