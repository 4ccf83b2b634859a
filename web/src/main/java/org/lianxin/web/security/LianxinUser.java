package org.lianxin.web.security;

import java.util.Collection;
import java.util.List;

import org.lianxin.scheduler.Actor;
import org.lianxin.scheduler.Role;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A logged-in staff user: a row of {@code app_user}. */
public final class LianxinUser implements UserDetails, CredentialsContainer {
    private final long id;
    private final String username;
    private String passwordHash;
    private final String displayName;
    private final Role role;
    private final long officeId;
    private final Long officialId;
    private final boolean enabled;
    private final long securityStamp;

    public LianxinUser(long id, String username, String passwordHash, String displayName, Role role, long officeId,
                       Long officialId, boolean enabled) {
        this(id, username, passwordHash, displayName, role, officeId, officialId, enabled, 0);
    }

    /**
     * @param securityStamp the account's {@code security_stamp} when it was loaded: a session logged in with another
     *                      stamp than the account's now is ended ({@link SessionStamps})
     */
    public LianxinUser(long id, String username, String passwordHash, String displayName, Role role, long officeId,
                       Long officialId, boolean enabled, long securityStamp) {
        this.id = id;
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.role = role;
        this.officeId = officeId;
        this.officialId = officialId;
        this.enabled = enabled;
        this.securityStamp = securityStamp;
    }

    /** The scheduler's view of this user. */
    public Actor actor() {
        return new Actor(username, role, officeId, officialId);
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public long officeId() {
        return officeId;
    }

    public Long officialId() {
        return officialId;
    }

    /** The account's security stamp when this user was loaded (at login, for a session). */
    public long securityStamp() {
        return securityStamp;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() { // never print the hash
        return "LianxinUser[" + username + ", " + role + ", office " + officeId + "]";
    }
}
