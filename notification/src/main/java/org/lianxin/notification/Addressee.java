package org.lianxin.notification;

import java.util.Objects;

/**
 * One person a recipient stands for.
 *
 * @param username    the login name (what logs show)
 * @param displayName the name to address them by
 * @param email       their e-mail address, or null if they have none (the e-mail channel then skips them)
 */
public record Addressee(String username, String displayName, String email) {
    public Addressee {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        if (email != null && email.isBlank()) {
            email = null;
        }
    }

    public boolean hasEmail() {
        return email != null;
    }

    /** The address is personal data: never printed. */
    @Override
    public String toString() {
        return "Addressee[" + username + (email == null ? ", no e-mail" : ", e-mail ***") + "]";
    }
}
