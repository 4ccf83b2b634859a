package org.lianxin.signaling.token;

/** What a participant may do in a live room. */
public enum Role {
    /** The leader receiving: admits, mutes, removes, ends. */
    HOST,
    /** A department official of a joint reception or a consultation: sends and receives. */
    OFFICIAL,
    /** The petitioner at a county terminal: waits in the lobby until the host admits. Receptions only. */
    PETITIONER,
    /** Staff: receives only, never shown to the petitioner. */
    OBSERVER
}
