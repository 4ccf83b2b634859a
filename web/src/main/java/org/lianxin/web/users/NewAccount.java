package org.lianxin.web.users;

import java.util.Map;
import java.util.regex.Pattern;

import org.lianxin.scheduler.Role;
import org.lianxin.scheduler.RuleViolation;
import org.lianxin.web.input.InputRefused;
import org.lianxin.web.input.TextInput;
import org.lianxin.web.security.PasswordPolicy;

/**
 * A staff account to create, as {@code POST /api/v1/users} takes it, and its checks of each field (pure; each refusal
 * names the field): a login name of 3–64 characters, lower-case letters, digits and {@code . _ -}, starting with a
 * letter; a display name of 1–100 characters without control characters; an office; a known role; for a leader or
 * an official the official record it is linked to; an initial password meeting {@link PasswordPolicy}.
 *
 * @param password the initial password: hashed at creation, never stored or logged as given
 */
public record NewAccount(String username, String displayName, Long officeId, String role, Long officialId,
                         String password) {
    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,63}");
    static final int MAX_DISPLAY_NAME = 100;

    @Override
    public String toString() { // never the password
        return "NewAccount[" + username + ", " + role + ", office " + officeId + "]";
    }

    /** The account to make, checked field by field in the form's order; the role as the enum. */
    Checked check() {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new RuleViolation("login-name-invalid", "username: 3 to 64 characters, a lower-case letter first,"
                    + " then lower-case letters, digits and . _ -", field("username"));
        }
        String display = displayName == null ? "" : displayName.strip();
        if (display.isEmpty() || display.codePointCount(0, display.length()) > MAX_DISPLAY_NAME) {
            throw new RuleViolation("display-name-invalid", "displayName: 1 to " + MAX_DISPLAY_NAME
                    + " characters", field("displayName"));
        }
        try {
            TextInput.check(display, false);
        } catch (InputRefused e) {
            throw new RuleViolation("control-character", "displayName: " + e.getMessage(), field("displayName"));
        }
        if (officeId == null) throw new RuleViolation("office-required", "officeId: the account's office",
                field("officeId"));
        Role r = roleOf(role);
        if ((r == Role.LEADER || r == Role.OFFICIAL) && officialId == null) {
            throw new RuleViolation("official-needed", "officialId: a " + r
                    + " account must be linked to an official record", field("officialId"));
        }
        PasswordPolicy.check(name, password);
        return new Checked(name, display, officeId, r, r == Role.LEADER || r == Role.OFFICIAL ? officialId : null);
    }

    /** The role named, or a refusal naming the field. */
    static Role roleOf(String name) {
        if (name != null) {
            for (Role r : Role.values()) {
                if (r.name().equals(name)) return r;
            }
        }
        throw new RuleViolation("role-unknown", "role: one of " + java.util.List.of(Role.values()),
                field("role"));
    }

    /** The fact naming the refused field in the problem detail. */
    private static Map<String, Object> field(String name) {
        return Map.of("field", name);
    }

    /** The checked account (the password stays in the request). */
    record Checked(String username, String displayName, long officeId, Role role, Long officialId) {
    }
}
