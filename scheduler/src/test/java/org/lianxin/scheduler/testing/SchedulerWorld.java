package org.lianxin.scheduler.testing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.NewCase;
import org.lianxin.scheduler.NewOffice;
import org.lianxin.scheduler.NewOfficial;
import org.lianxin.scheduler.NewTerminal;
import org.lianxin.scheduler.Office;
import org.lianxin.scheduler.OfficeLevel;
import org.lianxin.scheduler.Official;
import org.lianxin.scheduler.OfficialKind;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.ScheduleEventListener;
import org.lianxin.scheduler.Scheduler;
import org.lianxin.scheduler.SchedulerSettings;
import org.lianxin.scheduler.Terminal;
import org.lianxin.scheduler.WeeklyWindow;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A small province for tests: Sichuan → Chengdu (with a housing department) → Jinjiang and Qingyang counties,
 * and Mianyang → Fucheng. Leaders receive Mon–Fri 09:00–12:00 and 14:00–17:00 (Asia/Shanghai), 30 min slots,
 * 10 min buffer, 4 a day. The clock stands at Monday 2026-11-30 08:00 Shanghai.
 */
public final class SchedulerWorld {
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    public static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);

    public final DataSource dataSource;
    public final MutableClock clock = new MutableClock(MONDAY.atTime(8, 0).atZone(SHANGHAI).toInstant());
    public final Scheduler scheduler;
    public final Office province, chengdu, housingDept, jinjiang, qingyang, mianyang, fucheng;
    public final Official provinceLeader, chengduLeader, jinjiangLeader, fuchengLeader, housingOfficial;
    public final Terminal jinjiangRoom1, jinjiangRoom2, fuchengRoom, chengduRoom;
    public final Actor system, jinjiangStaff, fuchengStaff, chengduStaff;
    public final CaseFile jinjiangCase, fuchengCase;
    public final String jinjiangCaseId = IdNumbers.valid("510104", 1234);

    public final SchedulerSettings settings =
            new SchedulerSettings(Duration.ofDays(60), SHANGHAI, "0123456789abcdef-test-key".getBytes());

    public SchedulerWorld(DataSource dataSource) {
        this.dataSource = dataSource;
        this.scheduler = Scheduler.create(dataSource, new DataSourceTransactionManager(dataSource), clock, settings);
        var offices = scheduler.offices();
        Actor bootstrap = new Actor("bootstrap", Role.ADMIN, 0, null); // creating the root needs no office
        province = offices.create(bootstrap, new NewOffice("510000", "四川省", "Sichuan", OfficeLevel.PROVINCE, null, null));
        system = Actor.system(province.id());
        chengdu = offices.create(system, new NewOffice("510100", "成都市", "Chengdu", OfficeLevel.CITY, "510000", null));
        housingDept = offices.create(system, new NewOffice("510100-ZJ", "成都市住房和城乡建设局", "Chengdu Housing",
                OfficeLevel.DEPARTMENT, "510100", null));
        jinjiang = offices.create(system, new NewOffice("510104", "锦江区", "Jinjiang", OfficeLevel.COUNTY, "510100", null));
        qingyang = offices.create(system, new NewOffice("510105", "青羊区", "Qingyang", OfficeLevel.COUNTY, "510100", null));
        mianyang = offices.create(system, new NewOffice("510700", "绵阳市", "Mianyang", OfficeLevel.CITY, "510000", null));
        fucheng = offices.create(system, new NewOffice("510703", "涪城区", "Fucheng", OfficeLevel.COUNTY, "510700", null));

        List<WeeklyWindow> weekdays = new java.util.ArrayList<>();
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            weekdays.add(new WeeklyWindow(d, LocalTime.of(9, 0), LocalTime.of(12, 0)));
            weekdays.add(new WeeklyWindow(d, LocalTime.of(14, 0), LocalTime.of(17, 0)));
        }
        var officials = scheduler.officials();
        provinceLeader = officials.create(system, leader(province, "省领导", weekdays));
        chengduLeader = officials.create(system, leader(chengdu, "市领导", weekdays));
        jinjiangLeader = officials.create(system, leader(jinjiang, "锦江区领导", weekdays));
        fuchengLeader = officials.create(system, leader(fucheng, "涪城区领导", weekdays));
        housingOfficial = officials.create(system, new NewOfficial(housingDept.id(), "住建局干部", "科长",
                OfficialKind.DEPARTMENT_OFFICIAL, 30, 10, 4, List.of()));

        var terminals = scheduler.terminals();
        jinjiangRoom1 = terminals.create(system, new NewTerminal(jinjiang.id(), "一号接访室", "锦江区信访局一楼"));
        jinjiangRoom2 = terminals.create(system, new NewTerminal(jinjiang.id(), "二号接访室", "锦江区信访局一楼"));
        fuchengRoom = terminals.create(system, new NewTerminal(fucheng.id(), "一号接访室", "涪城区信访局"));
        chengduRoom = terminals.create(system, new NewTerminal(chengdu.id(), "市接访室", "成都市信访局"));

        jinjiangStaff = new Actor("jinjiang.scheduler", Role.SCHEDULER, jinjiang.id(), null);
        fuchengStaff = new Actor("fucheng.scheduler", Role.SCHEDULER, fucheng.id(), null);
        chengduStaff = new Actor("cd.scheduler", Role.SCHEDULER, chengdu.id(), null);
        jinjiangCase = scheduler.cases().create(jinjiangStaff, new NewCase("SC-2026-000101", "张三", jinjiangCaseId,
                "13812345678", "拆迁补偿", "HOUSING", "510104"));
        fuchengCase = scheduler.cases().create(fuchengStaff, new NewCase("SC-2026-000201", "李四",
                IdNumbers.valid("510703", 77), null, "工资拖欠", "LABOUR", "510703"));
    }

    /** Another scheduler over this world's database, clock and settings, telling {@code listener} its events. */
    public Scheduler schedulerTelling(ScheduleEventListener listener) {
        return Scheduler.create(dataSource, new DataSourceTransactionManager(dataSource), clock, settings, listener);
    }

    private static NewOfficial leader(Office office, String name, List<WeeklyWindow> windows) {
        return new NewOfficial(office.id(), name, "主任", OfficialKind.LEADER, 30, 10, 4, windows);
    }

    /** {@code day} at {@code hh:mm} in Shanghai. */
    public static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(SHANGHAI).toInstant();
    }

    public static Instant tuesday(int hour, int minute) {
        return at(MONDAY.plusDays(1), hour, minute);
    }
}
