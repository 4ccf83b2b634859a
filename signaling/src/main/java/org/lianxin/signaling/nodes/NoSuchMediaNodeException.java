package org.lianxin.signaling.nodes;

/** No media node of that name is configured. */
public final class NoSuchMediaNodeException extends RuntimeException {

    private final String node;

    public NoSuchMediaNodeException(String node) {
        super("no media node named " + node);
        this.node = node;
    }

    public String node() {
        return node;
    }

    /** The stable rule name for the problem type. */
    public String rule() {
        return "media-node-not-found"; // the problem web answers with
    }
}
