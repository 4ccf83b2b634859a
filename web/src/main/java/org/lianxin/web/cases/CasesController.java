package org.lianxin.web.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.CaseFile;
import org.lianxin.scheduler.CaseStatus;
import org.lianxin.scheduler.Cases;
import org.lianxin.scheduler.ImportResult;
import org.lianxin.scheduler.NewCase;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Petition case files: search, create, import, status. ID numbers go in, only masked forms come out. */
@Tag(name = "Cases")
@RestController
@RequestMapping("/api/v1/cases")
class CasesController {
    static final int MAX_IMPORT = 10_000;
    private final Cases cases;

    CasesController(Cases cases) {
        this.cases = cases;
    }

    /** A case as it comes from the petition information system; idNumber is the 18-character resident ID. */
    record NewCaseRequest(@NotBlank @Size(max = 64) String caseNumber, @NotBlank @Size(max = 100) String petitionerName,
                          @NotBlank @Size(min = 18, max = 18) String idNumber, @Size(max = 32) String phone,
                          @NotBlank @Size(max = 500) String subject, @NotBlank @Size(max = 64) String category,
                          @NotBlank @Size(max = 32) String officeCode) {
        NewCase toNewCase() {
            return new NewCase(caseNumber, petitionerName, idNumber, phone, subject, category, officeCode);
        }

        @Override
        public String toString() { // never print personal data
            return "NewCaseRequest[" + caseNumber + "]";
        }
    }

    /** Import rows as the petition system exports them; checked row by row by the scheduler. */
    record ImportRow(String caseNumber, String petitionerName, String idNumber, String phone, String subject,
                     String category, String officeCode) {
        NewCase toNewCase() {
            return new NewCase(caseNumber, petitionerName, idNumber, phone, subject, category, officeCode);
        }

        @Override
        public String toString() {
            return "ImportRow[" + caseNumber + "]";
        }
    }

    record StatusRequest(@NotNull CaseStatus status) {
    }

    @Operation(summary = "Search the case files in the caller's jurisdiction")
    @GetMapping
    List<CaseFile> search(Actor actor, @RequestParam(defaultValue = "") @Size(max = 100) String q,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return cases.search(actor, q, limit);
    }

    @Operation(summary = "Get a case file")
    @GetMapping("/{id}")
    CaseFile get(Actor actor, @PathVariable long id) {
        return cases.get(actor, id);
    }

    @Operation(summary = "Open a new case file")
    @PostMapping
    ResponseEntity<CaseFile> create(Actor actor, @Valid @RequestBody NewCaseRequest body) {
        CaseFile c = cases.create(actor, body.toNewCase());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(c.id());
        return ResponseEntity.created(location).body(c);
    }

    /** All or nothing: 200 with the count if every row was created, else 422 listing every bad row. */
    @Operation(summary = "Import case files in bulk from the petition information system")
    @PostMapping("/import")
    ImportResult importAll(Actor actor,
                           @RequestBody @Size(max = MAX_IMPORT, message = "at most 10000 rows per import")
                           List<@NotNull ImportRow> rows) {
        ImportResult result = cases.importAll(actor, rows.stream().map(ImportRow::toNewCase).toList());
        if (!result.errors().isEmpty()) throw new ImportRejected(result);
        return result;
    }

    @Operation(summary = "Change a case file's status")
    @PutMapping("/{id}/status")
    CaseFile status(Actor actor, @PathVariable long id, @Valid @RequestBody StatusRequest body) {
        return cases.setStatus(actor, id, body.status());
    }
}
