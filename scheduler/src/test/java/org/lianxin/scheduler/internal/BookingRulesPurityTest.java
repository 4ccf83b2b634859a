package org.lianxin.scheduler.internal;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The booking rules stay pure, like the live room's state machine: no JDBC, no Spring, no logging, no clock — only
 * the JDK's values and the scheduler's API records. Their inputs are read and their conflicts carried out by the
 * JDBC side ({@link JdbcBookings}, {@link BusyTimes}).
 */
class BookingRulesPurityTest {
    static final Set<String> PURE = Set.of("BookingRules", "CalendarCheck", "Slot", "DayWindow", "Busy", "TimeText",
            "Facts");
    static final DescribedPredicate<JavaClass> THE_RULES = describe("the booking rules " + PURE,
            c -> c.getPackageName().equals("org.lianxin.scheduler.internal")
                    && PURE.contains(c.getName().substring(c.getPackageName().length() + 1).split("\\$")[0]));

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lianxin.scheduler");
    }

    @Test
    void theRulesDependOnTheJdkAndTheSchedulersApiOnly() {
        classes().that(THE_RULES).should().onlyDependOnClassesThat(
                        describe("JDK values, the scheduler's API or the rules themselves", c ->
                                c.getPackageName().startsWith("java.lang") || c.getPackageName().startsWith("java.time")
                                        || c.getPackageName().startsWith("java.util")
                                        || c.getPackageName().equals("org.lianxin.scheduler")
                                        && !c.getSimpleName().equals("Scheduler")
                                        || THE_RULES.test(c)))
                .check(classes);
    }

    @Test
    void theRulesNeverReadTheClock() {
        noClasses().that(THE_RULES).should().dependOnClassesThat().areAssignableTo(Clock.class).check(classes);
        noClasses().that(THE_RULES).should().callMethodWhere(describe("a now() of java.time", call ->
                call.getName().equals("now") && call.getTargetOwner().getPackageName().startsWith("java.time")))
                .check(classes);
    }

    @Test
    void everyRuleClassNamedHereExists() {
        for (String name : PURE) {
            org.assertj.core.api.Assertions.assertThat(classes.contain("org.lianxin.scheduler.internal." + name))
                    .as(name).isTrue();
        }
    }
}
