package org.lianxin.web.me;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.lianxin.scheduler.Offices;
import org.lianxin.scheduler.Role;
import org.lianxin.web.security.CurrentActor;
import org.lianxin.web.security.LianxinUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is logged in. */
@Tag(name = "Session")
@RestController
@RequestMapping("/api/v1/me")
class MeController {
    private final Offices offices;

    MeController(Offices offices) {
        this.offices = offices;
    }

    record Me(String username, String displayName, Role role, long officeId, String officeName, Long officialId) {
    }

    @Operation(summary = "Get the logged-in user: name, role and office")
    @GetMapping
    Me me() {
        LianxinUser u = CurrentActor.user();
        return new Me(u.getUsername(), u.displayName(), u.role(), u.officeId(), offices.get(u.officeId()).name(),
                u.officialId());
    }
}
