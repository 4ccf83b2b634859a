package org.lianxin.signaling.token;

/** What a live room is for. */
public enum SessionKind {
    /** A reception (接访) bound to a booking; has a petitioner. */
    RECEPTION,
    /** A remote consultation (远程会商) among officials; has no petitioner. */
    CONSULTATION
}
