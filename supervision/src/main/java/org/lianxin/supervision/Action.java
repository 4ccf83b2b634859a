package org.lianxin.supervision;

/** What a user may do to an item; the names are those of the REST API's {@code allowed} list. */
public enum Action {
    SIGN("sign"), PROGRESS("progress"), EXTENSION("extension"), REPLY("reply"), ACCEPT("accept"),
    RETURN("return"), DECIDE_EXTENSION("decideExtension"), REMIND("remind");

    private final String apiName;

    Action(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Acts of the unit that must handle the item (the others are the supervisors'). */
    public boolean byUnit() {
        return this == SIGN || this == PROGRESS || this == EXTENSION || this == REPLY;
    }
}
