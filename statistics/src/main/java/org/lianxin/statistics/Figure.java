package org.lianxin.statistics;

/**
 * Every figure, defined once: its name and what it counts, in Chinese and English. The SQL that counts it is in
 * {@code internal.Sources}, which follows these texts; the README repeats them. "The range" is the query's whole days
 * {@code from}..{@code to} in the queried office's zone; "in the subtree" is the queried office or any office under it.
 * Receptions belong to the office of the terminal they were held at, matters to the case's office, supervision items,
 * replies, evaluations of replies and third-party scores of items to the item's unit (承办单位).
 */
public enum Figure {
    RECEPTIONS_HELD(Kind.COUNT, "接待场次", "Receptions held",
            "预约开始时间在统计期内、接待终端属本辖区、会话已开始（已完成或中断）的预约数。",
            "Bookings at a terminal of the subtree starting in the range whose session took place (COMPLETED or "
                    + "INTERRUPTED)."),
    NO_SHOWS(Kind.RATE, "未到场", "No-shows",
            "预约开始时间在统计期内、状态为“未到场”的预约数，占同期已接待与未到场预约之和（取消的不计）。",
            "Bookings starting in the range marked NO_SHOW, among those held or marked NO_SHOW (cancelled ones are "
                    + "left out)."),
    LOBBY_WAIT(Kind.AVERAGE, "平均候见时长（秒）", "Average lobby wait (s)",
            "统计期内已接待的预约中，从首次签到到首次开始会话的秒数之平均；缺少签到或开始记录的不计。",
            "Among receptions held in the range: the mean seconds from the first check-in to the first start of the "
                    + "session; bookings without either record are left out."),
    SESSION_LENGTH(Kind.AVERAGE, "平均接待时长（秒）", "Average session length (s)",
            "统计期内已接待的预约中，从首次开始会话到会话结束（完成或中断）的秒数之平均。",
            "Among receptions held in the range: the mean seconds from the first start of the session to its end "
                    + "(completed or interrupted)."),
    MATTERS_ACCEPTED(Kind.COUNT, "受理事项", "Matters accepted",
            "登记时间在统计期内、属本辖区机构的信访事项（案件）数。",
            "Matters (case files) of an office of the subtree registered in the range."),
    REPLIED_ON_TIME(Kind.RATE, "按期答复率", "Replied on time",
            "办理期限（含批准的延期）在统计期内的督办件中，首次答复时间不晚于期限的件数占比。",
            "Among supervision items whose deadline (extended where an extension was approved) falls in the range: "
                    + "those whose first reply came by the deadline."),
    COMPLETION(Kind.RATE, "办结率", "Completed",
            "统计期内办结（上级采纳答复）的督办件数，占统计期内受理的督办件数之比；办结按办结发生的时间计入当期，"
                    + "此后才办结的不改变已过去期间的办结率（消化积压时可超过100%）。",
            "Supervision items completed (their reply accepted) in the range, per item accepted in the range; a "
                    + "completion counts in the period it happened, so a later completion never changes a past "
                    + "period's rate (it can pass 100 % while a backlog is cleared)."),
    SATISFACTION(Kind.RATE, "满意率", "Satisfaction",
            "评价时间在统计期内的已评价答复中，评价为“满意”或“基本满意”的占比。",
            "Among replies evaluated in the range: those rated satisfied or basically satisfied."),
    PARTICIPATION(Kind.RATE, "参评率", "Participation",
            "答复时间在统计期内的答复中，群众已作出评价的占比。",
            "Among replies given in the range: those the petitioner has evaluated."),
    ITEMS_OPEN(Kind.COUNT, "督办件·未办结", "Supervision items open",
            "受理日期在统计期内、当前尚未办结的督办件数。",
            "Supervision items accepted in the range and not completed now."),
    ITEMS_OVERDUE(Kind.COUNT, "督办件·已逾期", "Supervision items overdue",
            "受理日期在统计期内、尚未答复（待签收、办理中或被退回）且已过期限的督办件数。",
            "Supervision items accepted in the range, not replied (to sign, in progress or returned) and past their "
                    + "deadline now."),
    CLOSED_ON_TIME(Kind.RATE, "督办件·按期办结", "Supervision items closed on time",
            "统计期内办结的督办件中，最后一次答复（被采纳的答复）不晚于期限的占比。",
            "Among supervision items completed in the range: those whose last reply (the one accepted) came by the "
                    + "deadline."),
    THIRD_PARTY_SCORE(Kind.SCORE, "第三方评议得分", "Third-party score",
            "评分时间在统计期内、第三方评议组对本辖区承办单位的督办件所评分数（合法性、及时性、态度、结果，各1至5分）"
                    + "的平均分，四项同权，保留两位小数。",
            "Among the third-party evaluators' scores given in the range to supervision items of a unit of the subtree: "
                    + "the mean of the four marks (legality, timeliness, attitude, result; each 1 to 5), weighted "
                    + "equally, to two decimals.");

    /** How the numerator and denominator make the value. */
    public enum Kind {
        /** A count: the numerator; the denominator is 1. */
        COUNT,
        /** A share: numerator / denominator, shown as a percentage; no data when the denominator is 0. */
        RATE,
        /** A mean: sum of seconds / number of items; no data when the denominator is 0. */
        AVERAGE,
        /** A mean mark on a 1–5 scale: sum of marks / number of marks, with two decimals; no data when there are none. */
        SCORE
    }

    private final Kind kind;
    private final String name;
    private final String nameEn;
    private final String definition;
    private final String definitionEn;

    Figure(Kind kind, String name, String nameEn, String definition, String definitionEn) {
        this.kind = kind;
        this.name = name;
        this.nameEn = nameEn;
        this.definition = definition;
        this.definitionEn = definitionEn;
    }

    public Kind kind() {
        return kind;
    }

    public String label(boolean english) {
        return english ? nameEn : name;
    }

    public String definition(boolean english) {
        return english ? definitionEn : definition;
    }
}
