/*
 * Messages of the kiosk's part in the handling of a matter: what happens next after the reception, and the petitioner's evaluation of the handling result at a later visit.
 * Chinese (zh) first, English (en) the switch. Strict JSON after "export default": MessagesTest reads this file.
 */
export default {
  "zh": {
    "handling.next.title": "接下来怎么办",
    "handling.next.step": "您反映的问题已交由 {unit} 办理，将于 {date}前答复您。",
    "handling.next.noUnit": "领导已对您反映的问题作出处理意见，工作人员会告诉您后续安排。",
    "handling.next.hint": "如有疑问，请咨询现场工作人员。",
    "handling.result.title": "请评价您反映问题的办理结果",
    "handling.result.intro": "有关单位已经答复了您反映的问题：",
    "handling.result.question": "您对办理结果满意吗？请点选一项。",
    "handling.result.replyFrom": "{unit} 的答复：",
    "handling.result.SATISFIED": "满意",
    "handling.result.BASICALLY_SATISFIED": "基本满意",
    "handling.result.UNSATISFIED": "不满意",
    "handling.result.thanks": "谢谢您的评价。",
    "handling.result.reviewOffer": "如果您对办理结果不满意，可以在 {date}前申请{level}，现场工作人员可以为您办理。",
    "handling.result.skip": "暂不评价，下一步",
    "handling.level.REVIEW": "复查",
    "handling.level.RE_REVIEW": "复核"
  },
  "en": {
    "handling.next.title": "What happens next",
    "handling.next.step": "Your matter has been passed to {unit}, which will reply to you by {date}.",
    "handling.next.noUnit": "The leader has given instructions on your matter; the staff will tell you what happens next.",
    "handling.next.hint": "If anything is unclear, please ask the staff here.",
    "handling.result.title": "Please tell us what you think of how your matter was handled",
    "handling.result.intro": "The responsible office has replied on your matter:",
    "handling.result.question": "Are you satisfied with the result? Please choose one.",
    "handling.result.replyFrom": "Reply from {unit}:",
    "handling.result.SATISFIED": "Satisfied",
    "handling.result.BASICALLY_SATISFIED": "Basically satisfied",
    "handling.result.UNSATISFIED": "Not satisfied",
    "handling.result.thanks": "Thank you for your answer.",
    "handling.result.reviewOffer": "If you are not satisfied with the result, you may ask for a {level} until {date}; the staff here can do it for you.",
    "handling.result.skip": "Not now: next",
    "handling.level.REVIEW": "review",
    "handling.level.RE_REVIEW": "re-review"
  }
};
