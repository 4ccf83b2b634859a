package org.lianxin.supervision;

import static org.lianxin.scheduler.testing.SchedulerWorld.tuesday;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Booking;
import org.lianxin.scheduler.NewBooking;
import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.testing.SchedulerWorld;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The scheduler's test province with supervision on top: the Chengdu leader receives the Jinjiang petitioner at a
 * Jinjiang terminal on Tuesday 09:00; the notices sent are kept in {@link #notices}.
 */
final class SupervisionWorld {
    final SchedulerWorld w;
    final Supervision supervision;
    final List<SupervisionNotice> notices = new CopyOnWriteArrayList<>();
    final Actor cdLeader, housing, jinjiangStaff, cdReviewer, mianyangReviewer, provinceReviewer, cdStaff;

    SupervisionWorld(DataSource dataSource) {
        w = new SchedulerWorld(dataSource);
        supervision = Supervision.create(dataSource, new DataSourceTransactionManager(dataSource), w.clock,
                w.scheduler, SupervisionSettings.DEFAULTS, notices::add);
        cdLeader = new Actor("cd.leader", Role.LEADER, w.chengdu.id(), w.chengduLeader.id());
        housing = new Actor("cd.housing", Role.OFFICIAL, w.housingDept.id(), w.housingOfficial.id());
        jinjiangStaff = w.jinjiangStaff;
        cdStaff = w.chengduStaff;
        cdReviewer = new Actor("cd.reviewer", Role.REVIEWER, w.chengdu.id(), null);
        mianyangReviewer = new Actor("my.reviewer", Role.REVIEWER, w.mianyang.id(), null);
        provinceReviewer = new Actor("sc.reviewer", Role.REVIEWER, w.province.id(), null);
    }

    /** The Chengdu leader's reception of the Jinjiang case, Tuesday 09:00–09:30, now IN_SESSION (clock 09:05). */
    Booking receptionInSession() {
        Booking b = w.scheduler.bookings().book(cdStaff, new NewBooking(w.chengduLeader.id(), w.jinjiangRoom1.id(),
                w.jinjiangCase.id(), tuesday(9, 0), List.of()));
        w.clock.set(tuesday(8, 55));
        w.scheduler.bookings().checkIn(jinjiangStaff, b.id(), w.jinjiangCaseId);
        w.scheduler.bookings().startSession(cdLeader, b.id());
        w.clock.set(tuesday(9, 5));
        return b;
    }
}
