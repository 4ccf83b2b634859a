package org.lianxin.notification.testing;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.lianxin.notification.Addressee;
import org.lianxin.notification.Directory;
import org.lianxin.notification.Recipient;

/** A directory for module tests: users and offices set by hand (web's real one reads {@code app_user}). */
public final class MapDirectory implements Directory {
    private final Map<String, List<Addressee>> people = new ConcurrentHashMap<>();
    private final Map<String, Long> offices = new ConcurrentHashMap<>();

    /** {@code recipient} stands for {@code addressees} and belongs to {@code officeId}. */
    public MapDirectory put(Recipient recipient, long officeId, Addressee... addressees) {
        people.put(recipient.encode(), List.of(addressees));
        offices.put(recipient.encode(), officeId);
        return this;
    }

    @Override
    public List<Addressee> resolve(Recipient recipient) {
        return people.getOrDefault(recipient.encode(), List.of());
    }

    @Override
    public OptionalLong officeOf(Recipient recipient) {
        Long id = offices.get(recipient.encode());
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }
}
