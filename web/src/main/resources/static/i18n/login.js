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
    "login.failed": "Sign-in failed. Please try again later.",
    "login.hint": "For petition office staff only."
  }
};
