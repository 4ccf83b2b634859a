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

    public LianxinUser(long id, String username, String passwordHash, String displayName, Role role, long officeId,
                       Long officialId, boolean enabled) {
        this.id = id;
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.role = role;
        this.officeId = officeId;
        this.officialId = officialId;
        this.enabled = enabled;
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
