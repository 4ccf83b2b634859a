package org.lianxin.web.auditor;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Entries of the trail as CSV (RFC 4180, CRLF), UTF-8 with a byte order mark so that a spreadsheet reads the Chinese
 * headers; a header line in the chosen language, then one line an entry. Cells a spreadsheet would run as a formula
 * (starting with = + - @ or a tab) get a leading apostrophe; personal data is already masked in the views.
 */
final class AuditCsv {
    private static final String BOM = "\uFEFF";
    private static final List<String> HEADER_ZH = List.of("序号", "时间", "用户", "角色", "机构编号", "操作", "对象类型",
            "对象编号", "结果", "客户端地址", "请求编号", "详情", "哈希");
    private static final List<String> HEADER_EN = List.of("Seq", "Time", "User", "Role", "Office id", "Action",
            "Object type", "Object id", "Outcome", "Client address", "Request id", "Details", "Hash");

    private AuditCsv() {
    }

    static byte[] of(List<AuditEntryView> entries, boolean english) {
        StringBuilder csv = new StringBuilder(BOM);
        append(csv, english ? HEADER_EN : HEADER_ZH);
        for (AuditEntryView e : entries) {
            append(csv, java.util.Arrays.asList(Long.toString(e.seq()), e.at().toString(), e.username(), e.role(),
                    e.officeId() == null ? "" : e.officeId().toString(), e.action(), e.objectType(), e.objectId(),
                    e.outcome(), e.clientAddress(), e.requestId(), e.details(), e.hash()));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder csv, List<String> cells) {
        String sep = "";
        for (String cell : cells) {
            csv.append(sep).append(quoted(cell));
            sep = ",";
        }
        csv.append("\r\n");
    }

    static String quoted(String cell) {
        if (cell == null || cell.isEmpty()) return "";
        String c = "=+-@\t".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        boolean quote = c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0;
        return quote ? '"' + c.replace("\"", "\"\"") + '"' : c;
    }
}
