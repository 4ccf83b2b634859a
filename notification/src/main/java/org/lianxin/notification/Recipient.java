package org.lianxin.notification;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.lianxin.scheduler.Role;

/**
 * Who a notice is for: one staff user, or the staff of an office in given roles (e.g. the unit's OFFICIAL and
 * SCHEDULER users, the supervising office's REVIEWER and LEADER users). Which people and mailboxes that is, is
 * decided when the notice is sent ({@link Directory}), so a notice to an office reaches whoever holds the role then.
 */
public sealed interface Recipient permits Recipient.User, Recipient.OfficeStaff {

    /** One user, by login name. */
    static Recipient user(String username) {
        return new User(username);
    }

    /** The users of {@code officeId} (that office only, not its subtree) with one of {@code roles}. */
    static Recipient officeStaff(long officeId, Role first, Role... more) {
        return new OfficeStaff(officeId, EnumSet.of(first, more));
    }

    /** A stable text form, stored in the outbox and shown to administrators: {@code user:NAME}, {@code office:ID:ROLE,ROLE}. */
    String encode();

    /** @param username a login name (1–100 characters, no line breaks) */
    record User(String username) implements Recipient {
        public User {
            Objects.requireNonNull(username, "username");
            if (username.isBlank() || username.length() > 100 || username.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("not a user name: '" + username + "'");
            }
        }

        @Override
        public String encode() {
            return "user:" + username;
        }
    }

    /** @param roles at least one role; kept in the enum's order */
    record OfficeStaff(long officeId, Set<Role> roles) implements Recipient {
        public OfficeStaff {
            Objects.requireNonNull(roles, "roles");
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("an office's staff needs at least one role");
            }
            roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
        }

        @Override
        public String encode() {
            return "office:" + officeId + ":" + roles.stream().map(Role::name).collect(Collectors.joining(","));
        }
    }

    /**
     * The recipient {@link #encode()} wrote.
     *
     * @throws IllegalArgumentException if {@code text} is no such form
     */
    static Recipient decode(String text) {
        Objects.requireNonNull(text, "text");
        if (text.startsWith("user:")) {
            return new User(text.substring(5));
        }
        if (text.startsWith("office:")) {
            String[] parts = text.split(":", 3);
            if (parts.length == 3) {
                try {
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    for (String r : parts[2].split(",")) {
                        roles.add(Role.valueOf(r));
                    }
                    return new OfficeStaff(Long.parseLong(parts[1]), roles);
                } catch (IllegalArgumentException e) { // NumberFormatException is one
                    throw new IllegalArgumentException("not a recipient: '" + text + "'", e);
                }
            }
        }
        throw new IllegalArgumentException("not a recipient: '" + text + "'");
    }
}
