package org.lianxin.web.users;

import org.lianxin.scheduler.Role;
import org.lianxin.web.security.SeparatedDuties;

/**
 * An account as the API shows it (never its password hash).
 *
 * @param duty the separated duty (ADMIN, SECURITY_ADMIN, AUDITOR) the account holds or once held, for good; or null
 */
public record UserView(long id, String username, String displayName, Role role, String duty, long officeId,
                       Long officialId, boolean enabled) {

    SeparatedDuties.Account account() {
        return new SeparatedDuties.Account(username, role, duty, officeId, officialId);
    }
}
