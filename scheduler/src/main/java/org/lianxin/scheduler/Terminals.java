package org.lianxin.scheduler;

import java.util.List;

/** Reception terminals (rooms with a camera) at offices. */
public interface Terminals {
    Terminal get(long id);

    /** Terminals of an office's subtree, as far as the actor may see. */
    List<Terminal> list(Actor actor, long officeId);

    Terminal create(Actor actor, NewTerminal terminal);

    Terminal setStatus(Actor actor, long terminalId, TerminalStatus status);
}
