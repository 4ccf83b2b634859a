package org.lianxin.web.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lianxin.documents.DocumentException;
import org.lianxin.documents.DocumentNotFound;
import org.lianxin.documents.DocumentRefused;
import org.lianxin.documents.DocumentStorageUnavailable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class DocumentProblemsTest {

    private static List<DocumentException> everyKind() {
        List<DocumentException> all = new ArrayList<>();
        for (DocumentRefused.Reason r : DocumentRefused.Reason.values()) all.add(new DocumentRefused(r, "x"));
        all.add(new DocumentNotFound(7));
        all.add(new DocumentStorageUnavailable("down", null));
        return all;
    }

    @Test
    void theProblemNamesTheModulesRuleForEveryKindOfRefusal() {
        for (DocumentException e : everyKind()) {
            ResponseEntity<ProblemDetail> r = new DocumentProblems().document(e);
            assertThat(DocumentProblems.ruleOf(e)).as(e.toString()).isEqualTo(e.rule());
            assertThat(r.getBody().getProperties()).containsEntry("rule", e.rule());
            assertThat(r.getBody().getType().toString()).isEqualTo("urn:lianxin:problem:" + e.rule());
        }
    }

    @Test
    void eachKindHasItsStatus() {
        assertThat(DocumentProblems.statusOf(new DocumentRefused(DocumentRefused.Reason.EMPTY, "")))
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(DocumentProblems.statusOf(new DocumentRefused(DocumentRefused.Reason.TOO_LARGE, "")))
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(DocumentProblems.statusOf(new DocumentRefused(DocumentRefused.Reason.TYPE_NOT_ALLOWED, "")))
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(DocumentProblems.statusOf(new DocumentRefused(DocumentRefused.Reason.TYPE_MISMATCH, "")))
                .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(DocumentProblems.statusOf(new DocumentNotFound(1))).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<ProblemDetail> down = new DocumentProblems().document(new DocumentStorageUnavailable("d", null));
        assertThat(down.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(down.getHeaders().getFirst("Retry-After")).isEqualTo("30");
    }
}
