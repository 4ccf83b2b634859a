/**
 * Signed, short-lived join tokens (JWT, HS256): what lets a browser into one live room, with one
 * role, as one participant, for one booking or consultation. Pure Java; no I/O.
 *
 * <p>A token is not burnt on use: a client that reconnects within the room's grace period joins
 * again with the same token, and the room recognises it by its participant id.
 */
package org.lianxin.signaling.token;
