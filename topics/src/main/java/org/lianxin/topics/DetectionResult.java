package org.lianxin.topics;

/** What one detection run did: topics opened, matters added to topics already open. */
public record DetectionResult(int opened, int mattersAdded) {
    public static final DetectionResult NOTHING = new DetectionResult(0, 0);

    public DetectionResult plus(DetectionResult o) {
        return new DetectionResult(opened + o.opened, mattersAdded + o.mattersAdded);
    }
}
