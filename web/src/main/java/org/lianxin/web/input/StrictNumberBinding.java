package org.lianxin.web.input;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * {@link StrictNumbers} for every controller's path variables and query parameters. A converter alone is not
 * enough: when the conversion service refuses a value, Spring's binding falls back to its default number editor,
 * which trims and reads hexadecimal; an editor registered on the binder is asked first and has the last word.
 */
@ControllerAdvice
class StrictNumberBinding {

    @InitBinder
    void strictNumbers(WebDataBinder binder) {
        binder.registerCustomEditor(long.class, new Editor(StrictNumbers::id));
        binder.registerCustomEditor(Long.class, new Editor(StrictNumbers::id));
        binder.registerCustomEditor(int.class, new Editor(StrictNumbers::integer));
        binder.registerCustomEditor(Integer.class, new Editor(StrictNumbers::integer));
    }

    private static final class Editor extends PropertyEditorSupport {
        private final Function<String, ? extends Number> parse;

        Editor(Function<String, ? extends Number> parse) {
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            setValue(text == null ? null : parse.apply(text));
        }
    }
}
