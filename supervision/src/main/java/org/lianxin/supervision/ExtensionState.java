package org.lianxin.supervision;

public enum ExtensionState { PENDING, APPROVED, REFUSED }
