package org.lianxin.web.demo;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.NewCase;
import org.lianxin.scheduler.NewOfficial;
import org.lianxin.scheduler.NewTerminal;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OfficeLevel;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.OfficialKind;
import org.lianxin.scheduler.Officials;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.Terminals;
import org.lianxin.scheduler.WeeklyWindow;
import org.lianxin.web.config.LianxinProperties;
import org.lianxin.web.config.Secrets;
import org.lianxin.web.security.UserAccounts;
import org.lianxin.web.security.SeparatedDuties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Demo data of the {@code dev} profile: Sichuan's offices from {@code demo/offices-sichuan.csv}, a leader per
 * office (receiving Tuesdays and Thursdays, as real leaders do), department officials, terminals, case files and one
 * demo user per role and level. Loaded once (skipped if offices exist); the demo users' password is
 * {@code lianxin.demo.password}, else generated once into {@code ${lianxin.data-dir}/demo-password}, and reset to it
 * at every start.
 *
 * <p>So that a newcomer can book, hold and review a reception at any day and hour, 锦江区 also has a duty leader
 * ({@link #DUTY_TITLE}, demo user {@code jinjiang.duty}) who receives every day around the clock in short slots: the
 * next slot is never more than {@link #DUTY_SLOT_MINUTES} + {@link #DUTY_BUFFER_MINUTES} minutes away. The duty
 * leader is added at every start if missing (also to demo data loaded by an older version), and stays true for a
 * demo left running for days: the windows are weekly, not relative to the start.
 */
@Component
@Profile("dev")
public class DemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String CSV = "demo/offices-sichuan.csv";

    /**
     * A demo user: name, role, office code, whether it is an official of the office, and which one (the official of
     * that title, or — null — the office's first official).
     */
    public record DemoUser(String username, String displayName, Role role, String officeCode, boolean official,
                           String officialTitle) {
        public DemoUser(String username, String displayName, Role role, String officeCode, boolean official) {
            this(username, displayName, role, officeCode, official, null);
        }
    }

    /** The office of the duty leader: 锦江区, whose staff ({@code jinjiang.scheduler}) book and check in. */
    static final String DUTY_OFFICE = "510104";
    /** The duty leader's title, which finds the duty leader again at the next start. */
    static final String DUTY_TITLE = "锦江区信访局值班领导（全天接访）";
    static final String DUTY_NAME = "林晓东";
    static final int DUTY_SLOT_MINUTES = 15;
    static final int DUTY_BUFFER_MINUTES = 5;
    /** The most a calendar allows (48); a day holds 72 slots of 15 + 5 minutes. */
    static final int DUTY_MAX_PER_DAY = 48;

    public static final List<DemoUser> USERS = List.of(
            new DemoUser("sc.admin", "省信访局管理员", Role.ADMIN, "510000", false),
            new DemoUser("sc.leader", "省信访局局长", Role.LEADER, "510000", true),
            new DemoUser("sc.reviewer", "省信访局督查员", Role.REVIEWER, "510000", false),
            new DemoUser("cd.scheduler", "成都市信访局接访员", Role.SCHEDULER, "510100", false),
            new DemoUser("cd.leader", "成都市信访局局长", Role.LEADER, "510100", true),
            new DemoUser("jinjiang.scheduler", "锦江区信访局接访员", Role.SCHEDULER, "510104", false),
            new DemoUser("jinjiang.leader", "锦江区信访局局长", Role.LEADER, "510104", true),
            new DemoUser("jinjiang.duty", "锦江区信访局值班领导", Role.LEADER, DUTY_OFFICE, true, DUTY_TITLE),
            new DemoUser("cd.housing", "成都市住建局信访办", Role.OFFICIAL, "510100-ZJ", true),
            new DemoUser("cd.hrss", "成都市人社局信访办", Role.OFFICIAL, "510100-RS", true),
            new DemoUser("fucheng.scheduler", "涪城区信访局接访员", Role.SCHEDULER, "510703", false),
            new DemoUser("sc.security", "省信访局安全管理员", Role.SECURITY_ADMIN, "510000", false),
            new DemoUser("sc.auditor", "省信访局安全审计员", Role.AUDITOR, "510000", false),
            new DemoUser("cd.auditor", "成都市信访局安全审计员", Role.AUDITOR, "510100", false),
            new DemoUser("my.auditor", "绵阳市信访局安全审计员", Role.AUDITOR, "510700", false));

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
            "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"};
    private static final String[] GIVEN = {"建国", "明", "丽", "伟", "芳", "强", "静", "军", "敏", "磊", "洋", "艳",
            "勇", "杰", "娟", "涛", "超", "霞", "平", "刚", "桂英", "志强", "秀兰", "海燕", "晓东"};

    private final Offices offices;
    private final Officials officials;
    private final Terminals terminals;
    private final Cases cases;
    private final UserAccounts users;
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final LianxinProperties props;
    private final Environment env;
    private final Secrets secrets;

    public DemoData(Offices offices, Officials officials, Terminals terminals, Cases cases, UserAccounts users,
                    JdbcClient jdbc, PasswordEncoder encoder, LianxinProperties props, Environment env,
                    Secrets secrets) {
        this.offices = offices;
        this.officials = officials;
        this.terminals = terminals;
        this.cases = cases;
        this.users = users;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.props = props;
        this.env = env;
        this.secrets = secrets;
    }

    @Override
    public void run(ApplicationArguments args) {
        long existing = jdbc.sql("select count(*) from office").query(Long.class).single();
        if (existing == 0) {
            load();
        } else {
            log.info("demo data: {} offices exist, not loading {}", existing, CSV);
        }
        ensureDutyLeader();
        String password = password();
        ensureUsers(password);
        printWelcome(password);
    }

    private String password() {
        return secrets.password("lianxin.demo.password", props.demo() == null ? null : props.demo().password(),
                "demo-password");
    }

    private void load() {
        String csv;
        try (var in = new ClassPathResource(CSV).getInputStream()) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the province first (an actor needs an office), then the rest under it
        String[] lines = csv.split("\n");
        int first = 1;
        while (lines[first].isBlank() || lines[first].startsWith("#")) first++;
        offices.importCsv(Actor.system(0), new StringReader(lines[0] + "\n" + lines[first] + "\n"));
        Office province = offices.all().get(0);
        Actor system = Actor.system(province.id());
        StringBuilder rest = new StringBuilder(lines[0]).append('\n');
        for (int i = first + 1; i < lines.length; i++) rest.append(lines[i]).append('\n');
        int n = 1 + offices.importCsv(system, new StringReader(rest.toString()));

        List<WeeklyWindow> leaderWindows = new ArrayList<>();
        List<WeeklyWindow> departmentWindows = new ArrayList<>();
        for (DayOfWeek d : List.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY)) {
            leaderWindows.add(new WeeklyWindow(d, LocalTime.of(9, 0), LocalTime.of(12, 0)));
            leaderWindows.add(new WeeklyWindow(d, LocalTime.of(14, 30), LocalTime.of(17, 30)));
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getValue() > 5) continue;
            departmentWindows.add(new WeeklyWindow(d, LocalTime.of(9, 0), LocalTime.of(12, 0)));
            departmentWindows.add(new WeeklyWindow(d, LocalTime.of(14, 30), LocalTime.of(17, 30)));
        }
        Map<String, Office> byCode = new LinkedHashMap<>();
        int i = 0;
        int nTerminals = 0;
        int nOfficials = 0;
        for (Office o : offices.all()) {
            byCode.put(o.code(), o);
            String name = SURNAMES[(i * 7) % SURNAMES.length] + GIVEN[(i * 11) % GIVEN.length];
            i++;
            if (o.level() == OfficeLevel.DEPARTMENT) {
                officials.create(system, new NewOfficial(o.id(), name, o.name() + "信访办主任",
                        OfficialKind.DEPARTMENT_OFFICIAL, 30, 10, 8, departmentWindows));
            } else {
                officials.create(system, new NewOfficial(o.id(), name, o.name() + "信访局局长", OfficialKind.LEADER,
                        30, 10, 8, leaderWindows));
            }
            nOfficials++;
            if (o.level() == OfficeLevel.COUNTY) {
                terminals.create(system, new NewTerminal(o.id(), "一号接访室", o.name() + "信访接待中心一楼"));
                nTerminals++;
                if (i % 2 == 0 || o.code().equals("510104") || o.code().equals("510703")) {
                    terminals.create(system, new NewTerminal(o.id(), "二号接访室", o.name() + "信访接待中心二楼"));
                    nTerminals++;
                }
            } else if (o.level() == OfficeLevel.CITY || o.level() == OfficeLevel.PROVINCE) {
                terminals.create(system, new NewTerminal(o.id(), "视频接访室", o.name() + "信访局"));
                nTerminals++;
            }
        }
        List<NewCase> demoCases = demoCases(byCode);
        cases.importAll(system, demoCases);
        log.info("demo data: {} offices, {} officials, {} terminals, {} case files loaded", n, nOfficials,
                nTerminals, demoCases.size());
    }

    /**
     * The duty leader's weekly windows: every day 00:00–23:59 (a window ends within its day; the last slot of a day
     * is 23:40–23:55, the next at 00:00).
     */
    static List<WeeklyWindow> dutyWindows() {
        List<WeeklyWindow> windows = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            windows.add(new WeeklyWindow(d, LocalTime.MIDNIGHT, LocalTime.of(23, 59)));
        }
        return windows;
    }

    /** Adds 锦江区's duty leader if missing (a fresh demo, or demo data loaded before there was one). */
    private void ensureDutyLeader() {
        Office office = offices.byCode(DUTY_OFFICE);
        Actor system = Actor.system(office.id());
        boolean present = officials.list(system, office.id(), false).stream()
                .anyMatch(f -> DUTY_TITLE.equals(f.title()));
        if (present) return;
        officials.create(system, new NewOfficial(office.id(), DUTY_NAME, DUTY_TITLE, OfficialKind.LEADER,
                DUTY_SLOT_MINUTES, DUTY_BUFFER_MINUTES, DUTY_MAX_PER_DAY, dutyWindows()));
        log.info("demo data: duty leader {} of {} receives every day around the clock", DUTY_NAME, office.name());
    }

    /** A demo case file as generated (fictitious person, valid ID number), before its office is looked up. */
    record DemoCase(String caseNumber, String petitioner, String idNumber, String phone, String subject,
                    String category, String officeCode) {
    }

    /** Every demo case file, in order: the first six are 锦江区's. */
    static List<DemoCase> demoCaseFiles() {
        String[][] subjects = {
                {"房屋征收补偿标准争议", "住房城建"}, {"拖欠农民工工资", "劳动社保"}, {"养老保险待遇核定", "劳动社保"},
                {"小区物业管理纠纷", "住房城建"}, {"土地承包经营权流转", "农业农村"}, {"企业排污影响居民生活", "生态环境"},
                {"安置房交付延期", "住房城建"}, {"工伤认定不服", "劳动社保"}, {"医疗费用报销", "卫生健康"},
                {"子女入学学位", "教育"}};
        String[] counties = {"510104", "510104", "510104", "510104", "510104", "510104", "510105", "510106",
                "510107", "510703", "510703", "510703", "510704", "510302", "510502", "510603", "511302", "511502",
                "513401", "512002"};
        List<DemoCase> list = new ArrayList<>();
        for (int k = 0; k < counties.length; k++) {
            String area = counties[k];
            String[] s = subjects[k % subjects.length];
            String name = SURNAMES[(k * 13 + 5) % SURNAMES.length] + GIVEN[(k * 3 + 2) % GIVEN.length];
            LocalDate birth = LocalDate.of(1955, 3, 1).plusDays(k * 997L);
            String id = IdNumber.withCheckDigit(area + birth.toString().replace("-", "")
                    + String.format("%03d", 100 + k * 7));
            String phone = "139" + String.format("%08d", 28_000_000 + k * 4_321);
            list.add(new DemoCase(String.format("SC-2026-%06d", k + 1), name, id, phone, s[0], s[1], area));
        }
        return list;
    }

    private static List<NewCase> demoCases(Map<String, Office> byCode) {
        List<NewCase> list = new ArrayList<>();
        for (DemoCase c : demoCaseFiles()) {
            if (!byCode.containsKey(c.officeCode())) continue;
            list.add(new NewCase(c.caseNumber(), c.petitioner(), c.idNumber(), c.phone(),
                    byCode.get(c.officeCode()).name() + "：" + c.subject(), c.category(), c.officeCode()));
        }
        return list;
    }

    private void ensureUsers(String password) {
        List<String> twoDuties = SeparatedDuties.conflicts(USERS.stream()
                .map(u -> new SeparatedDuties.Account(u.username(), u.role(), null, 0, null)).toList());
        if (!twoDuties.isEmpty()) {
            throw new IllegalStateException("demo users break 三员分立: " + twoDuties);
        }
        String hash = encoder.encode(password);
        for (DemoUser u : USERS) {
            Office office = offices.byCode(u.officeCode());
            Long officialId = null;
            if (u.official()) {
                List<Official> list = officials.list(Actor.system(office.id()), office.id(), false);
                officialId = list.stream().filter(f -> u.officialTitle() == null || u.officialTitle().equals(f.title()))
                        .map(Official::id).findFirst().orElse(null);
            }
            if (users.find(u.username()).isEmpty()) {
                jdbc.sql("insert into app_user (username, password_hash, display_name, role, office_id, official_id,"
                                + " enabled, duty) values (?,?,?,?,?,?,true,?)")
                        .params(u.username(), hash, u.displayName(), u.role().name(), office.id(), officialId,
                                u.role().isSeparatedDuty() ? u.role().name() : null)
                        .update();
            } else {
                jdbc.sql("update app_user set password_hash = ? where username = ?").params(hash, u.username())
                        .update();
            }
        }
    }

    private void printWelcome(String password) {
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        String base = "http://localhost:" + port + env.getProperty("server.servlet.context-path", "");
        StringBuilder sb = new StringBuilder("\n\n  Lianxin (连心) is running — dev profile, demo data\n\n");
        sb.append("  Booking page   ").append(base).append("/booking/\n");
        sb.append("  Terminal kiosk ").append(base).append("/terminal/\n");
        sb.append("  Console        ").append(base).append("/console/\n");
        sb.append("  Review         ").append(base).append("/review/\n");
        sb.append("  Leaders' hours ").append(base).append("/admin/\n");
        sb.append("  Login          ").append(base).append("/login\n");
        sb.append("  Swagger UI     ").append(base).append("/swagger-ui.html\n");
        sb.append("  API docs       ").append(base).append("/v3/api-docs\n");
        sb.append("  Health         ").append(base).append("/actuator/health\n\n");
        sb.append("  Demo users (password: ").append(password).append(")\n");
        for (DemoUser u : USERS) {
            Office o = offices.byCode(u.officeCode());
            sb.append(String.format("    %-20s %-10s %s %s%n", u.username(), u.role(), o.code(), o.name()));
        }
        DemoCase c = demoCaseFiles().get(0);
        sb.append("\n  Try a reception now (any day, any hour; the people are fictitious):\n");
        sb.append("    1. jinjiang.scheduler books case ").append(c.caseNumber()).append(" with the duty leader ")
                .append(DUTY_NAME).append(" (").append(DUTY_TITLE).append(": a ").append(DUTY_SLOT_MINUTES)
                .append("-minute slot every ").append(DUTY_SLOT_MINUTES + DUTY_BUFFER_MINUTES)
                .append(" minutes, day and night) at ").append(base)
                .append("/booking/\n");
        sb.append("    2. the kiosk at ").append(base).append("/terminal/ (same user) checks in with ID number ")
                .append(c.idNumber()).append(" (").append(c.petitioner()).append(")\n");
        sb.append("    3. jinjiang.duty receives at ").append(base).append("/console/; sc.reviewer reviews at ")
                .append(base).append("/review/\n");
        sb.append("    Leaders' reception hours are edited at ").append(base).append("/admin/ (sc.admin, or county staff)\n");
        log.info(sb.toString());
    }
}
