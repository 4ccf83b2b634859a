package org.lianxin.notification;

import java.util.List;
import java.util.OptionalLong;

/**
 * Who a {@link Recipient} is, answered by the application that keeps the users (web: {@code app_user}). Asked in the
 * transaction of an enqueue ({@link #officeOf}) and again when the notice is sent ({@link #resolve}), so a notice
 * reaches the people who hold the role at that time.
 */
public interface Directory {

    /** The enabled users the recipient stands for, with their e-mail address where they have one; may be empty. */
    List<Addressee> resolve(Recipient recipient);

    /**
     * The office the notice belongs to: administrators whose subtree holds it see it when it cannot be sent.
     * Empty for an unknown user (the notice is still kept, visible to the administrators of the whole tree).
     */
    OptionalLong officeOf(Recipient recipient);
}
