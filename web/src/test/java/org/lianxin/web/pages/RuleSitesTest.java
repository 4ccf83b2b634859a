package org.lianxin.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** How {@link RuleSites} reads rule ids from Java text, and what it refuses to guess; and the message file form. */
class RuleSitesTest {

    private static RuleSites read(String source) {
        return new RuleSites(Map.of("state-", expression -> Set.of("booked", "no-show"))).read("m/X.java", source);
    }

    @Test
    void readsLiteralsChoicesVariablesMethodsAndFamilies() {
        RuleSites sites = read("""
                class X {
                  void a() { throw new RuleViolation("in-past", "the start time is in the past"); }
                  void b(boolean host) { throw new Conflict(host ? "official-busy" : "invitee-busy", name + " busy"); }
                  void c() { throw new OutOfJurisdiction("office " + code + " lies outside"); }
                  void d() { throw new OutOfJurisdiction("not-consultation-host", "only the host"); }
                  void e() { throw new NotFound("booking", id); }
                  void f() { String rule; if (x) rule = "storage-unavailable"; else rule = "storage-refused";
                             Problems.of(status, rule, detail); }
                  void g() { Problems.withRule(pd, ruleFor(status.value())); }
                  static String ruleFor(int status) {
                    return switch (status) { case 404 -> "not-found"; default -> status >= 500 ? "internal" : "http-" + status; };
                  }
                  void h() { throw new Conflict("state-" + b.state().name().toLowerCase(), "cannot"); }
                  void i() { Problems.write(response, HttpStatus.FORBIDDEN, csrf ? "csrf" : "forbidden", csrf ? "a, b" : "c", uri); }
                  void j() { throw RecordingProblem.conflict("legal-hold", "held"); }
                  void k() { throw new RecordingProblem(HttpStatus.GONE, "recording-deleted", "gone"); }
                  // new RuleViolation("in-a-comment", "not raised")
                }
                """);
        assertThat(sites.unreadable()).isEmpty();
        assertThat(sites.rules().keySet()).containsExactlyInAnyOrder("in-past", "official-busy", "invitee-busy",
                "out-of-jurisdiction", "not-consultation-host", "booking-not-found", "storage-unavailable",
                "storage-refused", "not-found", "internal", "state-booked", "state-no-show", "csrf", "forbidden",
                "legal-hold", "recording-deleted");
    }

    @Test
    void reportsARuleItCannotRead() {
        RuleSites sites = read("""
                class X {
                  static final String RULE = RULES.get(0);
                  void a() { throw new RuleViolation(RULE, "a rule from elsewhere"); }
                  void b() { throw new Conflict("busy-" + who, "a family nobody taught it"); }
                  void c() { throw new RuleViolation(rule() + "-x", "built"); }
                }
                """);
        assertThat(sites.rules()).isEmpty();
        assertThat(sites.unreadable()).hasSize(3).allSatisfy(s -> assertThat(s).startsWith("m/X.java:"));
    }

    @Test
    void findsNothingInSourcesWithoutRaisingSites() {
        assertThat(read("class X { void a() { throw new IllegalStateException(\"no-rule\"); } }").sites()).isEmpty();
    }

    @Test
    void aMessageFileIsStrictJsonAfterExportDefault() {
        assertThat(MessageFiles.parse("ok.js", "/* about */\nexport default {\"zh\": {\"a.b\": \"甲\"}, \"en\": {\"a.b\": \"A\"}};\n"))
                .containsEntry("zh", Map.of("a.b", "甲")).containsEntry("en", Map.of("a.b", "A"));
        assertThatThrownBy(() -> MessageFiles.parse("dup.js",
                "export default {\"zh\": {\"a.b\": \"甲\", \"a.b\": \"乙\"}, \"en\": {}};"))
                .hasMessageContaining("dup.js").hasMessageContaining("strict JSON");
        assertThatThrownBy(() -> MessageFiles.parse("loose.js", "export default {zh: {'a.b': '甲'}, en: {}};"))
                .hasMessageContaining("loose.js");
        assertThatThrownBy(() -> MessageFiles.parse("lang.js", "export default {\"zh\": {}};"))
                .hasMessageContaining("exactly the languages");
    }
}
