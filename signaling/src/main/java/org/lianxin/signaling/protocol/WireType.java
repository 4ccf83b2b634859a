package org.lianxin.signaling.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** One message type on the wire: its name, its record, how it is written and how it is read. */
record WireType<T>(String name, Class<T> type, BiConsumer<T, Map<String, Object>> writer, Reader<T> reader) {

    @FunctionalInterface
    interface Reader<T> {
        T read(Fields fields) throws ProtocolException;
    }

    /** The message types of one direction, by wire name and by record; every record of the sealed type named. */
    static final class Registry<B> {
        private final String direction;
        private final Map<String, WireType<? extends B>> byName = new HashMap<>();
        private final Map<Class<?>, WireType<?>> byClass = new HashMap<>();

        Registry(String direction) {
            this.direction = direction;
        }

        <T extends B> void add(String name, Class<T> type, BiConsumer<T, Map<String, Object>> writer,
                Reader<T> reader) {
            WireType<T> t = new WireType<>(name, type, writer, reader);
            if (byName.put(name, t) != null || byClass.put(type, t) != null) {
                throw new IllegalStateException("duplicate " + direction + " type " + name);
            }
        }

        WireType<? extends B> byName(String name) {
            return byName.get(name);
        }

        Map<Class<?>, WireType<?>> byClass() {
            return byClass;
        }

        Registry<B> checkEveryRecordHasAWireName(Class<B> sealed) {
            for (Class<?> c : sealed.getPermittedSubclasses()) {
                if (!byClass.containsKey(c)) {
                    throw new IllegalStateException("no wire name for " + c.getName());
                }
            }
            return this;
        }
    }
}
