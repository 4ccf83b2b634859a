package org.lianxin.web.input;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The input rules in the JSON reader: every String a request body brings passes {@link TextInput} (multi-line
 * where the property is {@link MultiLine}), every date or instant {@link DateWindow}. Jackson reports a refusal
 * with the JSON path of the value, which the problem names as the field.
 */
final class InputDeserializers extends ValueDeserializerModifier {

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("lianxin-input");
        module.setDeserializerModifier(new InputDeserializers());
        return module;
    }

    @Override
    public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
                                                   ValueDeserializer<?> deserializer) {
        Class<?> type = description.getBeanClass();
        if (type == String.class) return new Text(deserializer, false);
        if (DateWindow.applies(type)) return new Dates(deserializer);
        return deserializer;
    }

    /** A String, checked one-line or multi-line as its property says. */
    static final class Text extends DelegatingDeserializer {
        private final boolean multiLine;

        Text(ValueDeserializer<?> delegate, boolean multiLine) {
            super(delegate);
            this.multiLine = multiLine;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Text(delegate, multiLine);
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            Text contextual = (Text) super.createContextual(ctxt, property);
            boolean multi = property != null && property.getAnnotation(MultiLine.class) != null;
            return multi == contextual.multiLine ? contextual : new Text(contextual.getDelegatee(), multi);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            Object value = super.deserialize(p, ctxt);
            return value instanceof String s ? TextInput.check(s, multiLine) : value;
        }
    }

    /** A date or instant inside the window. */
    static final class Dates extends DelegatingDeserializer {
        Dates(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Dates(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            return DateWindow.check(super.deserialize(p, ctxt));
        }
    }
}
