/*
 * Messages of the full ID and phone numbers on the case page: shown masked, shown in full for a minute on request with
 * a reason (every request is audited). Chinese (zh) first, English (en) the switch. Strict JSON after
 * "export default": MessagesTest reads this file.
 */
export default {
  "zh": {
    "pd.idNumber": "身份证号码",
    "pd.phone": "联系电话",
    "pd.none": "未登记",
    "pd.show": "显示完整号码",
    "pd.show.label": "显示完整的{what}",
    "pd.dialog.title": "查看完整号码",
    "pd.dialog.what": "将显示本案件完整的{what}。每次查看都会记入审计日志，请写明用途。",
    "pd.dialog.reason": "查看理由",
    "pd.dialog.reasonHint": "例如：电话回访信访人；现场核对身份。4 至 200 个字。",
    "pd.dialog.confirm": "显示",
    "pd.dialog.cancel": "取消",
    "pd.reasonRequired": "请填写查看理由（4 至 200 个字）。",
    "pd.shownFor": "{seconds} 秒后重新隐藏",
    "pd.hideNow": "立即隐藏",
    "pd.notStored": "未存储完整号码：本案件建档时只保存了隐藏后的号码。"
  },
  "en": {
    "pd.idNumber": "ID number",
    "pd.phone": "Phone",
    "pd.none": "Not recorded",
    "pd.show": "Show full number",
    "pd.show.label": "Show the full {what}",
    "pd.dialog.title": "Show the full number",
    "pd.dialog.what": "This shows the case’s full {what}. Every time it is shown is written to the audit trail: say what it is needed for.",
    "pd.dialog.reason": "Reason",
    "pd.dialog.reasonHint": "For example: calling the petitioner back; checking the identity in person. 4 to 200 characters.",
    "pd.dialog.confirm": "Show",
    "pd.dialog.cancel": "Cancel",
    "pd.reasonRequired": "Give a reason (4 to 200 characters).",
    "pd.shownFor": "Hidden again in {seconds} s",
    "pd.hideNow": "Hide now",
    "pd.notStored": "The full number is not stored: only the masked number was kept when this case was filed."
  }
};
