package org.lianxin.signaling.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lianxin.signaling.room.ConnectionId;
import org.lianxin.signaling.token.AccountBinding;

/**
 * The open connections of this server joined with a token bound to a staff account, by account: what to close when
 * the account changes. A terminal's (petitioner's) connection is not here. Thread-safe.
 */
final class AccountConnections {

    /** One joined connection of an account. */
    record Joined(AccountBinding account, String roomId, String participantId, ConnectionId connection) {
    }

    private final ConcurrentHashMap<ConnectionId, Joined> open = new ConcurrentHashMap<>();

    void joined(Joined j) {
        open.put(j.connection(), j);
    }

    void closed(ConnectionId connection) {
        open.remove(connection);
    }

    /** The accounts with a connection open here, each with the stamp its token was issued with. */
    Set<AccountBinding> accounts() {
        Set<AccountBinding> all = ConcurrentHashMap.newKeySet();
        open.values().forEach(j -> all.add(j.account()));
        return Set.copyOf(all);
    }

    /** Takes out and returns the connections joined with one of {@code stale}. */
    List<Joined> takeAll(Set<AccountBinding> stale) {
        List<Joined> taken = new ArrayList<>();
        for (Joined j : List.copyOf(open.values())) {
            if (stale.contains(j.account()) && open.remove(j.connection(), j)) {
                taken.add(j);
            }
        }
        return taken;
    }
}
