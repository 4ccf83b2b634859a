package org.lianxin.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A field error says which constraint it broke and its bounds, so that a page can say it in its own language. */
class FieldProblemTest {
    record Request(@NotBlank String reason, @Size(min = 18, max = 18) String idNumber, @Max(5) Integer score) {
    }

    @Test
    void aFieldErrorNamesItsConstraintAndBounds() {
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            List<Map<String, Object>> errors = validator.validate(new Request(" ", "123", 7)).stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> FieldProblem.of(v.getPropertyPath().toString(), (ConstraintViolation<?>) v,
                            v.getMessage()))
                    .toList();
            assertThat(errors).hasSize(3);
            assertThat(errors.get(0)).containsEntry("field", "idNumber").containsEntry("constraint", "Size")
                    .containsEntry("min", 18).containsEntry("max", 18).containsKey("message");
            assertThat(errors.get(1)).containsEntry("field", "reason").containsEntry("constraint", "NotBlank")
                    .doesNotContainKeys("min", "max");
            assertThat(errors.get(2)).containsEntry("field", "score").containsEntry("constraint", "Max")
                    .containsEntry("max", 5L);
        }
    }

    @Test
    void aFieldErrorWithoutAConstraintKeepsFieldAndMessage() {
        assertThat(FieldProblem.of("start", null, "not a time")).containsExactly(Map.entry("field", "start"),
                Map.entry("message", "not a time"));
    }
}
